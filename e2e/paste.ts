import type { Locator } from '@playwright/test';

/**
 * Pastes `text` into a field as the clipboard would: a paste event carrying
 * it, which the app may take (a big dump is kept aside); if the app leaves
 * it, the text goes into the field, as the browser's own paste would put it.
 * (fill() types the text, far too slowly for megabytes.)
 *
 * @example
 *   await pasteInto(page.getByLabel(/Paste iptables-save/), dump);
 */
export async function pasteInto(field: Locator, text: string): Promise<void> {
  await field.evaluate((element, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    const event = new ClipboardEvent('paste', {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
    });
    if (element.dispatchEvent(event)) (element as HTMLTextAreaElement).value = value;
  }, text);
}

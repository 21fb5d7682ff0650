/**
 * Saving a file the browser downloads. A blob: URL never leaves the page, so exports keep the
 * app's promise of making no network requests.
 *
 * @example
 *   downloadBlob('kpviz-graph.png', png);
 */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Saving text as a file the browser downloads, as UTF-8.
 *
 * @example
 *   downloadText('kpviz-lab.sh', labScript(env), 'text/x-shellscript');
 */
export function downloadText(name: string, text: string, type = 'text/plain'): void {
  downloadBlob(name, new Blob([text], { type: `${type};charset=utf-8` }));
}

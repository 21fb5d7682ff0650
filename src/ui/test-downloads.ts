/** What the page offered to download: the file's name and its text. */
export interface Download {
  readonly name: string;
  readonly text: Promise<string>;
}

/** A blob's text: jsdom's Blob has no text(), its FileReader reads it. */
const blobText = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });

/**
 * Catch the files the page hands over for download (jsdom has no blob: URLs and no downloads):
 * the list fills as the page clicks its download links. Call in beforeEach; vi.restoreAllMocks
 * in afterEach lets the links go again.
 *
 * @example
 *   let downloads: Download[];
 *   beforeEach(() => { downloads = catchDownloads(); });
 */
export function catchDownloads(): Download[] {
  const downloads: Download[] = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${String(blobs.size)}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads.push({ name: this.download, text: blobText(blobs.get(this.href) as Blob) });
  });
  return downloads;
}

/**
 * An SVG document as a PNG: drawn into a canvas from a blob: URL (which never leaves the page)
 * and encoded by the browser. Canvases have limits (Chrome's is 16,384 px a side in practice,
 * and each pixel costs 4 bytes), so a big graph is drawn smaller than asked, and said so.
 */

/** The longest side a PNG export gets. */
export const PNG_MAX_SIDE = 16_384;
/** The most pixels a PNG export gets: 400 MB of canvas. */
export const PNG_MAX_PIXELS = 100_000_000;

/**
 * The scale a `width` × `height` drawing gets: `wanted`, unless the canvas would pass
 * PNG_MAX_SIDE or PNG_MAX_PIXELS, then the largest scale that fits.
 *
 * @example
 *   pngScale(2000, 1000, 2); // 2
 *   pngScale(20_000, 1000, 2); // 0.8192
 */
export function pngScale(width: number, height: number, wanted: number): number {
  const fits = Math.min(
    PNG_MAX_SIDE / width,
    PNG_MAX_SIDE / height,
    Math.sqrt(PNG_MAX_PIXELS / (width * height)),
  );
  return Math.min(wanted, Math.floor(fits * 10_000) / 10_000);
}

/** An SVG document decoded as an image. */
async function imageOf(svg: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * `svg` (whose width and height attributes are the pixel size wanted) as PNG bytes.
 *
 * @example
 *   const png = await svgToPng(svgDocument({ ...drawing, scale }), width * scale, height * scale);
 */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const image = await imageOf(svg);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width);
  canvas.height = Math.round(height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser gives no 2D canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (png) => (png ? resolve(png) : reject(new Error('the canvas could not be encoded'))),
      'image/png',
    );
  });
}

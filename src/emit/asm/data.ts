// Data directives for an image (bytes and pointer relocations), in GNU as syntax every target's
// assembler takes: .byte runs and .4byte/.8byte symbol references.
import type { Image } from '../image.js';

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

/** `label:` followed by the image's bytes, 16 to a line, relocations as symbol references. */
export function dataLines(label: string, img: Image, comment?: string): string[] {
  const out = [`${label}:${comment ? `\t/* ${comment} */` : ''}`];
  const relocAt = new Map(img.relocs.map((r) => [r.offset, r]));
  let run: number[] = [];
  const flush = (): void => {
    for (let i = 0; i < run.length; i += 16) out.push(`\t.byte ${run.slice(i, i + 16).map(hex).join(', ')}`);
    run = [];
  };
  for (let i = 0; i < img.bytes.length; ) {
    const r = relocAt.get(i);
    if (r) {
      flush();
      out.push(`\t.${r.size}byte ${r.symbol}`);
      i += r.size;
      continue;
    }
    run.push(img.bytes[i]!);
    i++;
  }
  flush();
  if (!img.bytes.length) out.push('\t.byte 0 /* empty */');
  return out;
}

// Every notice is a list of blocks rendered twice: plain text and HTML. Values are escaped in one
// place, so no template can forget it.

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export type EmailBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  /** Label/value rows, e.g. 'Frist' → 'mandag 30. mars 2026 kl. 15.00'. */
  | { type: 'facts'; rows: ReadonlyArray<readonly [string, string]> }
  /** A bulleted list; `empty` is shown when there are no items. */
  | { type: 'list'; items: readonly ListItem[]; empty: string }
  | { type: 'link'; label: string; url: string };

export interface ListItem {
  text: string;
  url?: string;
}

const FOOTER =
  'Denne e-posten er sendt automatisk av Tiltakstrappa. Opplysninger om eleven finner du bare i ' +
  'systemet. Ikke svar på e-posten og ikke videresend den.';

export function renderEmail(subject: string, blocks: readonly EmailBlock[]): RenderedEmail {
  return {
    subject: singleLine(subject),
    text: renderText(blocks),
    html: renderHtml(singleLine(subject), blocks),
  };
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Only http(s) links, so a bad base URL cannot smuggle `javascript:` into an inbox. */
export function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`Refusing a non-http(s) link in an email: ${parsed.protocol}`);
  }
  return parsed.toString();
}

function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

function renderText(blocks: readonly EmailBlock[]): string {
  const parts = blocks.map((block): string => {
    switch (block.type) {
      case 'heading':
        return `${block.text}\n${'-'.repeat(Math.min(block.text.length, 70))}`;
      case 'paragraph':
        return block.text;
      case 'facts':
        return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
      case 'list':
        return block.items.length === 0
          ? block.empty
          : block.items
              .map((item) => `- ${item.text}${item.url ? `\n  ${safeUrl(item.url)}` : ''}`)
              .join('\n');
      case 'link':
        return `${block.label}: ${safeUrl(block.url)}`;
    }
  });
  return `${[...parts, '--', FOOTER].join('\n\n')}\n`;
}

function renderHtml(subject: string, blocks: readonly EmailBlock[]): string {
  const body = blocks.map((block): string => {
    switch (block.type) {
      case 'heading':
        return `<h2 style="font-size:17px;margin:24px 0 8px">${escapeHtml(block.text)}</h2>`;
      case 'paragraph':
        return `<p style="margin:0 0 12px">${escapeHtml(block.text)}</p>`;
      case 'facts':
        return (
          '<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">' +
          block.rows
            .map(
              ([label, value]) =>
                `<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0;font-weight:600">${escapeHtml(label)}</th>` +
                `<td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
            )
            .join('') +
          '</table>'
        );
      case 'list':
        return block.items.length === 0
          ? `<p style="margin:0 0 12px">${escapeHtml(block.empty)}</p>`
          : '<ul style="margin:0 0 12px;padding-left:20px">' +
              block.items
                .map((item) =>
                  item.url
                    ? `<li><a href="${escapeHtml(safeUrl(item.url))}">${escapeHtml(item.text)}</a></li>`
                    : `<li>${escapeHtml(item.text)}</li>`,
                )
                .join('') +
              '</ul>';
      case 'link':
        return `<p style="margin:16px 0"><a href="${escapeHtml(safeUrl(block.url))}">${escapeHtml(block.label)}</a></p>`;
    }
  });
  return (
    '<!doctype html>\n<html lang="nb"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(subject)}</title></head>\n` +
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#1a1a1a">\n' +
    body.join('\n') +
    `\n<hr style="border:none;border-top:1px solid #ccc;margin:24px 0 8px">\n<p style="font-size:12px;color:#555">${escapeHtml(FOOTER)}</p>\n` +
    '</body></html>\n'
  );
}

/** Plain text with its http(s) URLs turned into links, as a mail client shows them. */
const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/;

export function Linkified({ text }: { text: string }) {
  // split() with a capturing group puts the URLs at the odd indexes.
  return text.split(URL_PATTERN).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

/**
 * A QR code of some text, drawn in the browser (the `qrcode` package, onto
 * a canvas, out as a data: URL) so the secret it carries never leaves the
 * page. The package loads on first use: only two-step setup needs it.
 */
import { useEffect, useState } from "react";
import "./qr-code.css";

const SIZE = 220;

export function QrCode({ text, alt }: { text: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    import("qrcode")
      .then(({ default: QRCode }) =>
        QRCode.toDataURL(text, { width: SIZE, margin: 2, errorCorrectionLevel: "M" }),
      )
      .then(
        (url) => current && setSrc(url),
        // Without a QR code the setup key shown beside it still works.
        () => current && setSrc(null),
      );
    return () => {
      current = false;
    };
  }, [text]);
  return src && <img className="qr-code" src={src} alt={alt} width={SIZE} height={SIZE} />;
}

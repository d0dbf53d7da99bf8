/** The Marquee wordmark, linking home. */
import { Link } from "react-router";
import "./brand-link.css";

export function BrandLink() {
  return (
    <Link to="/" className="brand-link">
      Marquee<span className="visually-hidden"> home</span>
    </Link>
  );
}

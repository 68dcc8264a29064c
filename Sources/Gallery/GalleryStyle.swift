/// The page's one style block and its Content-Security-Policy.
///
/// One centred column (figures are 900–1600 px wide: two side by side would halve their text),
/// each figure on a white card, scaled down to the column and never beyond its own size; captions
/// kept to a readable line length. Sizes in rem, so 200 % zoom reflows instead of scrolling; long
/// names break anywhere, so nothing is wider than a 400 px window.
enum GalleryStyle {
    /// Only the figures beside the page (and the empty icon) load; styles only from the block; no script.
    static let contentSecurityPolicy =
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    static let css = """
        *, *::before, *::after { box-sizing: border-box; }
        html { color-scheme: light; -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: #f3f4f6; color: #1f2328; overflow-wrap: anywhere;
          font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
        header, main, footer { max-width: 78rem; margin: 0 auto; padding: 0 1rem; }
        header { padding-top: 1.5rem; }
        h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .25rem; }
        h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.5rem 0 .5rem; padding-bottom: .3rem; border-bottom: 2px solid #d0d4da; }
        h3 { font-size: 1.05rem; line-height: 1.35; margin: 0 0 .6rem; }
        a { color: #0b57a4; }
        .subtitle, .hint, .count, .meta, dt, footer { color: #59636e; }
        .subtitle { margin: 0; }
        nav ol { display: flex; flex-wrap: wrap; gap: .2rem 1.25rem; list-style: none; margin: 1rem 0 0; padding: 0; }
        .hint { margin: .5rem 0 0; font-size: .9rem; }
        .intro, figcaption p { max-width: 72ch; }
        .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1rem; }
        .facts section, figure { background: #fff; border: 1px solid #d0d4da; border-radius: 6px; }
        .facts section { padding: .8rem 1rem; }
        dl { display: grid; grid-template-columns: fit-content(50%) 1fr; gap: .2rem 1.25rem; margin: 0; }
        dl > div { display: contents; }
        dd { margin: 0; font-variant-numeric: tabular-nums; }
        figure { margin: 0 0 1.5rem; padding: 1rem; }
        a.full { display: block; cursor: zoom-in; }
        a.full:focus-visible { outline: 3px solid #0b57a4; outline-offset: 3px; }
        figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
        figcaption { margin-top: .75rem; }
        figcaption p { margin: 0 0 .3rem; }
        .meta { font-size: .85rem; }
        footer { padding-top: 1rem; padding-bottom: 2rem; font-size: .9rem; }
        @media (max-width: 40rem) { header, main, footer { padding-left: .5rem; padding-right: .5rem; } figure { padding: .5rem; } }
        """
}

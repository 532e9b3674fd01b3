//! Cleaning paraminfo descriptions (wikitext, or HTML from `helpformat=html`) into Markdown
//! that rustdoc renders without warnings.
//!
//! Nothing in a description may become a code block (rustdoc would run it as a doctest), a
//! heading or a table: wikitext has other marks for those, so the Markdown ones are escaped.

/// Where `mw:` interwiki links point.
const MEDIAWIKI_ORG: &str = "https://www.mediawiki.org/wiki/";

/// Tags whose text is code, shown as it is.
const CODE_TAGS: [&str; 6] = ["code", "kbd", "var", "samp", "tt", "nowiki"];

/// Turns one description into Markdown.
pub fn markdown(text: &str) -> String {
    let (text, markers) = lines(text);
    tidy(&render(&text, &markers))
}

/// Turns text inside one construct (a label, emphasised words) into Markdown: a wikitext
/// list mark means nothing there.
fn inline(text: &str) -> String {
    tidy(&render(text, &[]))
}

/// The description's lines without their leading spaces (which Markdown reads as a code
/// block) and without their wikitext list marks, joined again; and for each list item, where
/// its line starts and the Markdown list marker that replaces the wikitext one.
fn lines(text: &str) -> (String, Vec<(usize, String)>) {
    let mut lines: Vec<(Option<String>, String)> = Vec::new();
    let mut list = List::default();
    for line in text.lines() {
        // Control characters have no place in docs; rustdoc refuses a bare carriage return.
        let line: String = line
            .chars()
            .filter(|&c| c == '\t' || !c.is_control())
            .collect();
        let line = definition_item(line.trim_start());
        let marks = line.len() - line.trim_start_matches(['*', '#']).len();
        if marks > 0 {
            let marker = list.item(&line[..marks]);
            lines.push((Some(marker), line[marks..].trim_start().to_owned()));
            continue;
        }
        // A line right after a list ends it in wikitext; in Markdown it would go on with the
        // last item's text (clippy's doc_lazy_continuation) unless a blank line comes first.
        if list.end() && !line.is_empty() {
            lines.push((None, String::new()));
        }
        lines.push((None, line));
    }

    let mut joined = String::with_capacity(text.len());
    let mut markers = Vec::new();
    for (i, (marker, content)) in lines.into_iter().enumerate() {
        if i > 0 {
            joined.push('\n');
        }
        if let Some(marker) = marker {
            markers.push((joined.len(), marker));
        }
        joined.push_str(&content);
    }
    (joined, markers)
}

/// A wikitext definition line (`;term:meaning`) becomes a list item (`* term: meaning`).
fn definition_item(line: &str) -> String {
    match line.strip_prefix(';').and_then(|l| l.split_once(':')) {
        Some((term, meaning)) => format!("* {}: {}", term.trim(), meaning.trim()),
        None => line.to_owned(),
    }
}

/// The wikitext list the lines are in: per level, its mark (`*` bullets, `#` numbers) and how
/// many items it has had.
#[derive(Default)]
struct List {
    levels: Vec<(char, usize)>,
}

impl List {
    /// The Markdown marker of an item with the wikitext marks `marks` (`#*`), indented under
    /// its parents' markers as Markdown nests lists.
    fn item(&mut self, marks: &str) -> String {
        let mut marks: Vec<char> = marks.chars().collect();
        let same = self
            .levels
            .iter()
            .zip(&marks)
            .take_while(|((level, _), mark)| level == *mark)
            .count();
        // An item nested deeper than any item above it has no parent to indent under, and
        // too much indentation would make a code block: it goes one level down only.
        if marks.len() > same + 1 {
            marks.drain(same..marks.len() - 1);
        }
        self.levels.truncate(same.min(marks.len()));
        let depth = self.levels.len();
        self.levels
            .extend(marks[depth..].iter().map(|&mark| (mark, 0)));

        let Some((last, parents)) = self.levels.split_last_mut() else {
            return String::new();
        };
        last.1 += 1;
        let indent: usize = parents.iter().map(|&(mark, n)| marker(mark, n).len()).sum();
        format!("{:indent$}{}", "", marker(last.0, last.1))
    }

    /// Ends the list, saying whether there was one.
    fn end(&mut self) -> bool {
        let was = !self.levels.is_empty();
        self.levels.clear();
        was
    }
}

fn marker(mark: char, n: usize) -> String {
    match mark {
        '#' => format!("{n}. "),
        _ => "* ".to_owned(),
    }
}

/// At most one blank line in a row, no spaces at line ends, nothing around the whole, no
/// carriage return (rustdoc refuses a bare one).
fn tidy(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(|l| l.replace('\r', "")) {
        let line = line.trim_end();
        if line.is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_owned()
}

/// Rewrites `text`, putting each list marker of `markers` where its line starts.
fn render(text: &str, markers: &[(usize, String)]) -> String {
    let mut out = Out::default();
    let mut markers = markers.iter().peekable();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let offset = text.len() - rest.len();
        // A construct running over a line end has taken that line's marker with it.
        while let Some((at, marker)) = markers.next_if(|(at, _)| *at <= offset) {
            if *at == offset {
                out.marker(marker);
            }
        }
        let block = || out.fresh().then(|| block_mark(rest)).flatten();
        let (md, used) = step(rest)
            .or_else(block)
            .unwrap_or_else(|| (escape(c), c.len_utf8()));
        out.push(&md);
        rest = &rest[used..];
    }
    out.text
}

/// The Markdown being written, with what is needed to keep each line's start harmless.
#[derive(Default)]
struct Out {
    text: String,
    /// Where the current line starts.
    line_start: usize,
    /// Where the text of the current list item starts, after its marker.
    content_from: usize,
    /// The last thing written ended a code span.
    after_code: bool,
}

impl Out {
    /// Nothing is written on this line yet, but perhaps a list marker.
    fn fresh(&self) -> bool {
        self.text.len() == self.line_start.max(self.content_from)
    }

    fn marker(&mut self, marker: &str) {
        self.text.push_str(marker);
        self.content_from = self.text.len();
    }

    fn push(&mut self, md: &str) {
        // Spaces opening a line, or an item's text, would make a code block.
        let md = match self.fresh() {
            true => md.trim_start_matches([' ', '\t']),
            false => md,
        };
        if md.is_empty() {
            return;
        }
        // Two code spans in a row would read as one span holding a stray backtick.
        if self.after_code && md.starts_with('`') {
            self.text.push(' ');
        }
        // `!` before a link would make it an image.
        if md.starts_with('[') && self.text.ends_with('!') {
            self.text.pop();
            self.text.push_str("\\!");
        }
        self.text.push_str(md);
        if let Some(i) = md.rfind('\n') {
            self.line_start = self.text.len() - md.len() + i + 1;
        }
        self.after_code = md.ends_with('`') && md != "\\`";
        // An item an HTML `<li>` opened: its text starts after the marker.
        if self.text.ends_with("\n* ") {
            self.content_from = self.text.len();
        }
    }
}

/// Rewrites the markup at the start of `s`, if any: the Markdown and how many bytes it used.
/// Wikitext links and emphasis end on the line they start on.
fn step(s: &str) -> Option<(String, usize)> {
    if let Some(inner) = s.strip_prefix("[[") {
        let end = this_line(inner).find("]]")?;
        return Some((wiki_link(&inner[..end]), end + 4));
    }
    if let Some(inner) = s.strip_prefix('[').filter(|i| is_url(i)) {
        let end = this_line(inner).find(']')?;
        return Some((external_link(&inner[..end]), end + 2));
    }
    if let Some(inner) = s.strip_prefix("'''") {
        let end = this_line(inner).find("'''")?;
        return Some((emphasis("**", &inner[..end]), end + 6));
    }
    if let Some(inner) = s.strip_prefix("''") {
        let end = this_line(inner).find("''")?;
        return Some((emphasis("*", &inner[..end]), end + 4));
    }
    if is_url(s) {
        return Some(bare_url(s));
    }
    if s.starts_with('<') {
        return tag(s);
    }
    None
}

fn this_line(s: &str) -> &str {
    &s[..s.find('\n').unwrap_or(s.len())]
}

fn is_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// What Markdown reads as a block when it opens a line, and wikitext as text: a list
/// (`- a`, `+ a`, `1. a`, `1) a`), a heading's underline (`===`, `---`), a rule, a table
/// row (`|`, `:--`).
fn block_mark(s: &str) -> Option<(String, usize)> {
    let c = s.chars().next()?;
    if matches!(c, '-' | '+' | '=' | '|' | ':') {
        return Some((format!("\\{c}"), 1));
    }
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match s[digits..].chars().next() {
        Some(end @ ('.' | ')')) if (1..=9).contains(&digits) => {
            Some((format!("{}\\{end}", &s[..digits]), digits + 1))
        }
        _ => None,
    }
}

/// `[[target|label]]`: a link when the target is on mediawiki.org, the label otherwise (other
/// pages are on the wiki the snapshot came from, whose address the docs do not know).
fn wiki_link(link: &str) -> String {
    let (target, label) = link_parts(link);
    let label = inline(&label);
    match target.strip_prefix("mw:") {
        Some(page) => markdown_link(
            &label,
            &format!("{MEDIAWIKI_ORG}{}", page.replace(' ', "_")),
        ),
        None => label,
    }
}

/// The target of `[[target|label]]` and the text the link shows: the label; the target for
/// `[[target]]`; for the pipe trick (`[[Help:Foo (bar)|]]`) the target without its
/// namespace and its parenthesis, as MediaWiki shows it.
fn link_parts(link: &str) -> (&str, String) {
    let link = link.trim();
    match link.split_once('|') {
        None => (link, link.trim_start_matches(':').to_owned()),
        Some((target, "")) => {
            let page = target.rsplit(':').next().unwrap_or(target).trim();
            let page = match page.rfind(" (") {
                Some(i) if page.ends_with(')') => &page[..i],
                _ => page,
            };
            (target.trim(), page.to_owned())
        }
        Some((target, label)) => (target.trim(), label.to_owned()),
    }
}

/// `[https://… label]`, or `[https://…]` alone, which becomes the address itself.
fn external_link(link: &str) -> String {
    let (url, label) = link.split_once(' ').unwrap_or((link, ""));
    markdown_link(&inline(label), url)
}

/// A link showing `label` (Markdown already): the address alone when the label is empty or
/// the address itself; the label, then the address, when the label holds a link, since links
/// cannot nest.
fn markdown_link(label: &str, url: &str) -> String {
    let auto = format!("<{}>", autolink(url));
    if label.is_empty() || label == auto {
        return auto;
    }
    if label.contains("](") || label.contains("<http") {
        return format!("{label} ({auto})");
    }
    format!("[{label}]({})", destination(url))
}

/// An address in running text, up to what cannot be part of it.
fn bare_url(s: &str) -> (String, usize) {
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '[' | ']'))
        .unwrap_or(s.len());
    // Punctuation closing a sentence is not part of the address, nor is a parenthesis that
    // closes around it.
    let punctuation = ['.', ',', ';', ':', '!', '?'];
    let mut url = s[..end].trim_end_matches(punctuation);
    while url.ends_with(')') && url.matches(')').count() > url.matches('(').count() {
        url = url[..url.len() - 1].trim_end_matches(punctuation);
    }
    (format!("<{}>", autolink(url)), url.len())
}

/// An address inside `<…>`, which may not hold spaces or angle brackets.
fn autolink(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// An address inside `(…)` after a link's label, where a parenthesis would end it early.
fn destination(url: &str) -> String {
    autolink(url).replace('(', "%28").replace(')', "%29")
}

/// Emphasis around `inner`; `** x **` is none in Markdown, so spaces go outside the marks.
fn emphasis(marks: &str, inner: &str) -> String {
    let text = inline(inner);
    if text.is_empty() {
        return text;
    }
    let space = |yes: bool| if yes { " " } else { "" };
    let before = space(inner.starts_with(char::is_whitespace));
    let after = space(inner.ends_with(char::is_whitespace));
    format!("{before}{marks}{text}{marks}{after}")
}

/// An HTML tag, or comment, at the start of `s`. Anything else looking like a tag (`<min>`)
/// is text, and stays so.
fn tag(s: &str) -> Option<(String, usize)> {
    if let Some(inner) = s.strip_prefix("<!--") {
        let end = inner.find("-->")?;
        return Some((String::new(), end + 7));
    }
    let end = s.find('>')?;
    let inside = &s[1..end];
    if inside.contains('<') {
        return None;
    }
    // An address in angle brackets is already a Markdown autolink.
    if is_url(inside) && !inside.contains(char::is_whitespace) {
        return Some((s[..=end].to_owned(), end + 1));
    }
    let closing = inside.starts_with('/');
    let (name, attributes) = tag_name(inside.trim_start_matches('/'))?;
    let used = end + 1;
    let after = &s[used..];

    let (text, more) = match (name.as_str(), closing) {
        // An opening tag without its end only loses its style.
        (code, false) if CODE_TAGS.contains(&code) => code_span(code, after).unwrap_or_default(),
        ("a", false) => anchor(attributes, after),
        ("strong" | "b", false) => styled("**", &name, after)?,
        ("em" | "i", false) => styled("*", &name, after)?,
        (name, closing) => (layout(name, closing)?.to_owned(), 0),
    };
    Some((text, used + more))
}

/// The lowercase name of a tag and what follows it, when the name is followed by nothing,
/// a space or `/`.
fn tag_name(inside: &str) -> Option<(String, &str)> {
    let len = inside.len()
        - inside
            .trim_start_matches(|c: char| c.is_ascii_alphanumeric())
            .len();
    let (name, attributes) = inside.split_at(len);
    let ends_well = attributes.is_empty() || attributes.starts_with([' ', '\t', '\n', '/']);
    (len > 0 && ends_well).then(|| (name.to_ascii_lowercase(), attributes))
}

/// What tags that shape the text become; `None` for a tag this does not know.
fn layout(name: &str, closing: bool) -> Option<&'static str> {
    let text = match (name, closing) {
        ("br", _) => "\n",
        (
            "p" | "div" | "ul" | "ol" | "dl" | "pre" | "blockquote" | "table" | "hr" | "center",
            _,
        ) => "\n\n",
        ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", _) => "\n\n",
        ("li" | "dt", false) => "\n* ",
        ("dd", false) => ": ",
        ("li" | "dt" | "dd", true) => "",
        // These only style their text, which is what matters; the ends of the tags read
        // with their text (code, links, emphasis) land here when they stand alone.
        (
            "span" | "small" | "big" | "sup" | "sub" | "u" | "s" | "strike" | "del" | "ins"
            | "abbr" | "cite" | "q" | "bdi" | "bdo" | "font" | "mark" | "tr" | "td" | "th"
            | "tbody" | "thead" | "caption" | "wbr" | "a" | "b" | "strong" | "i" | "em",
            _,
        ) => "",
        (code, true) if CODE_TAGS.contains(&code) => "",
        _ => return None,
    };
    Some(text)
}

/// Finds the end tag `needle` in `haystack` whatever its case, without copying the rest of
/// a long description for every tag.
fn find_tag(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The code after `<code>` (or `kbd`, `nowiki`...) up to its end tag, and how many bytes
/// that took.
fn code_span(name: &str, after: &str) -> Option<(String, usize)> {
    let close = format!("</{name}>");
    let end = find_tag(after, &close)?;
    let body = &after[..end];
    let text = match name {
        "nowiki" => entities(body)
            .replace('\n', " ")
            .chars()
            .map(escape)
            .collect(),
        _ => format!("`{}`", code_text(body)),
    };
    Some((text, end + close.len()))
}

/// The text of code as the reader sees it: inner tags gone, links shown as their text,
/// `<nowiki>` kept as it is. A backtick or a line end would end the span early.
fn code_text(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        if let Some(inner) = rest.strip_prefix("<nowiki>") {
            let end = inner.find("</nowiki>").unwrap_or(inner.len());
            out.push_str(&inner[..end]);
            rest = inner.get(end + "</nowiki>".len()..).unwrap_or("");
            continue;
        }
        let link_end = rest.strip_prefix("[[").and_then(|i| i.find("]]"));
        if let Some(end) = link_end {
            out.push_str(&link_parts(&rest[2..2 + end]).1);
            rest = &rest[end + 4..];
            continue;
        }
        let tag_end = rest.find('>').filter(|_| is_tag_start(rest));
        if let Some(end) = tag_end {
            rest = &rest[end + 1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    entities(&out).replace('`', "'").replace(['\n', '\r'], " ")
}

fn is_tag_start(s: &str) -> bool {
    let after = s.strip_prefix('<').and_then(|s| s.chars().next());
    matches!(after, Some(c) if c.is_ascii_alphabetic() || c == '/' || c == '!')
}

/// An HTML link: a Markdown link when its address is absolute, its text otherwise.
/// Relative addresses point into the wiki the snapshot came from, whose address the docs do
/// not know.
fn anchor(attributes: &str, after: &str) -> (String, usize) {
    let Some(close) = find_tag(after, "</a>") else {
        return (String::new(), 0);
    };
    let label = inline(&after[..close]);
    let used = close + "</a>".len();
    match attribute(attributes, "href") {
        Some(href) if is_url(&href) => (markdown_link(&label, &href), used),
        _ => (label, used),
    }
}

/// `<b>…</b>` and the like, when the end tag is there; a tag without its end is text.
fn styled(marks: &str, name: &str, after: &str) -> Option<(String, usize)> {
    let close = format!("</{name}>");
    let end = find_tag(after, &close)?;
    Some((emphasis(marks, &after[..end]), end + close.len()))
}

/// The value of attribute `name`, in double or single quotes.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let start = attributes.find(&format!(" {name}="))? + name.len() + 2;
    let value = &attributes[start..];
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = &value[1..];
    let end = value.find(quote)?;
    Some(entities(&value[..end]))
}

fn entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Escapes what Markdown or rustdoc would read as markup: `~` opens a fenced code block or a
/// strikethrough, a backslash an escape or, at a line's end, a line break.
fn escape(c: char) -> String {
    match c {
        '<' => "&lt;".to_owned(),
        '>' => "&gt;".to_owned(),
        '[' | ']' | '`' | '*' | '_' | '#' | '~' | '\\' => format!("\\{c}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::markdown;

    fn check(cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            assert_eq!(markdown(input), *expected, "input: {input:?}");
        }
    }

    #[test]
    fn descriptions_become_markdown() {
        check(&[
            ("Email a user.", "Email a user."),
            (
                "A <var>token</var> from [[Special:ApiHelp/query+tokens|action=query&meta=tokens]]",
                "A `token` from action=query&meta=tokens",
            ),
            ("See [[API:Email]].", "See API:Email."),
            (
                "[[mw:Special:MyLanguage/API:FAQ|FAQ]]",
                "[FAQ](https://www.mediawiki.org/wiki/Special:MyLanguage/API:FAQ)",
            ),
            (
                "[https://www.mediawiki.org/wiki/API:Main_page docs]",
                "[docs](https://www.mediawiki.org/wiki/API:Main_page)",
            ),
            ("''Note:'' use '''care'''", "*Note:* use **care**"),
            (
                "<strong>Status:</strong> <em>fine</em>",
                "**Status:** *fine*",
            ),
            ("Value <kbd>a|b</kbd>", "Value `a|b`"),
            (
                "for <code><nowiki>{{REVISIONID}}</nowiki></code> and",
                "for `{{REVISIONID}}` and",
            ),
            ("<nowiki>[[x]]</nowiki>", "\\[\\[x\\]\\]"),
            ("a < b and c > d [e]", "a &lt; b and c &gt; d \\[e\\]"),
            ("name_with*stars #1", "name\\_with\\*stars \\#1"),
            (
                "see https://example.org/x now",
                "see <https://example.org/x> now",
            ),
            ("unclosed [[link", "unclosed \\[\\[link"),
            ("  padded  ", "padded"),
            ("Values:\n* one\n* two*", "Values:\n* one\n* two\\*"),
            (
                ";<span dir=\"ltr\" lang=\"en\">groups</span>:Lists the groups.\n;x:y",
                "* groups: Lists the groups.\n* x: y",
            ),
            (
                "<div class=\"hlist\">\n* a\n</div>\n<p class=\"x\">Text.</p>",
                "* a\n\nText.",
            ),
            ("one<br>two<br/>three", "one\ntwo\nthree"),
            (
                "<p>See <a href=\"https://example.org/?a=1&amp;b=2\">this <code>x</code></a>.</p>",
                "See [this `x`](https://example.org/?a=1&b=2).",
            ),
            ("<ul><li>one</li><li>two</li></ul>", "* one\n* two"),
            ("<dl><dt>term</dt><dd>meaning</dd></dl>", "* term: meaning"),
            ("Email a user.\n\n\n\n", "Email a user."),
            ("see https://example.org/x.", "see <https://example.org/x>."),
            (
                "at https://example.org/x<br>next",
                "at <https://example.org/x>\nnext",
            ),
            ("Then <https://z>", "Then <https://z>"),
            ("one\r\ntwo\rthree", "one\ntwothree"),
            ("tab\there", "tab\there"),
            ("Para.\n\n    let x = 1;", "Para.\n\nlet x = 1;"),
        ]);
    }

    #[test]
    fn links_inside_code_show_their_text() {
        check(&[
            (
                "<kbd>[[Special:ApiHelp/parse|action=parse]]</kbd>",
                "`action=parse`",
            ),
            (
                "<var>[[Special:ApiHelp/main]]</var>",
                "`Special:ApiHelp/main`",
            ),
            ("<code>[[Help:Foo|]]</code>", "`Foo`"),
            ("<kbd>user=#<var>ID</var></kbd>", "`user=#ID`"),
            ("<code>a < b</code>", "`a < b`"),
            (
                "<kbd>a=[[Special:ApiHelp/x|x]]&b=[[Special:ApiHelp/y|y]]</kbd>",
                "`a=x&b=y`",
            ),
            // Written out, not a link.
            ("<code><nowiki>[[x]]</nowiki></code>", "`[[x]]`"),
        ]);
    }

    #[test]
    fn wikitext_lists_become_markdown_lists() {
        check(&[
            (
                "The procedure is:\n# Fetch.\n# Post.",
                "The procedure is:\n1. Fetch.\n2. Post.",
            ),
            (
                "# Check.\n#* If PASS, done.\n#* If UI, again.\n# Last.",
                "1. Check.\n   * If PASS, done.\n   * If UI, again.\n2. Last.",
            ),
            ("* a\n** b\n*** c\n* d", "* a\n  * b\n    * c\n* d"),
            ("* a\n*# b\n*# c", "* a\n  1. b\n  2. c"),
            // Numbers start again in a new list, and nested items line up under their
            // item's text.
            ("# a\n\n# b", "1. a\n\n1. b"),
            (
                "#a\n#b\n#c\n#d\n#e\n#f\n#g\n#h\n#i\n#j\n#* k",
                "1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n7. g\n8. h\n9. i\n10. j\n    * k",
            ),
            // Deeper than the items above: one level down, not a code block.
            ("**** deep", "* deep"),
            ("* a\n*#** deep", "* a\n  * deep"),
        ]);
    }

    #[test]
    fn a_line_after_a_list_starts_a_paragraph() {
        check(&[
            (
                "Methods:\n* one\n* two\nNote that this.",
                "Methods:\n* one\n* two\n\nNote that this.",
            ),
            ("# one\nThen.", "1. one\n\nThen."),
            ("* one\n\nThen.", "* one\n\nThen."),
        ]);
    }

    #[test]
    fn nothing_becomes_a_code_block() {
        check(&[
            (
                "Intro.\n~~~\nnot rust\n~~~",
                "Intro.\n\\~\\~\\~\nnot rust\n\\~\\~\\~",
            ),
            ("*     indented after star", "* indented after star"),
            ("#\t\tindented after hash", "1. indented after hash"),
            ("<span></span>     after a tag", "after a tag"),
            ("<ul><li>     item</li></ul>", "* item"),
            ("a<br>     b", "a\nb"),
            ("\t\tTabbed", "Tabbed"),
            (
                "```rust\nfn main() {}\n```",
                "\\`\\`\\`rust\nfn main() {}\n\\`\\`\\`",
            ),
            // As in wikitext, the second line is a list item, whose mark goes.
            ("<code>first\n* second</code>", "`first second`"),
        ]);
    }

    #[test]
    fn markdown_block_marks_stay_text() {
        check(&[
            ("Some text\n----\nmore", "Some text\n\\----\nmore"),
            ("Title\n=====", "Title\n\\====="),
            ("- dash\n+ plus", "\\- dash\n\\+ plus"),
            ("1) paren\n2. dot", "1\\) paren\n2\\. dot"),
            ("a | b\n---|---\nc | d", "a | b\n\\---|---\nc | d"),
            ("|x|\n|:-|", "\\|x|\n\\|:-|"),
            ("1.5 seconds", "1\\.5 seconds"),
            ("2010 was a year", "2010 was a year"),
            ("Sign with ~~~~", "Sign with \\~\\~\\~\\~"),
        ]);
    }

    #[test]
    fn backslashes_are_kept() {
        check(&[
            (
                "The anonymous token is +\\\nnext",
                "The anonymous token is +\\\\\nnext",
            ),
            ("a regex \\d+\\.x", "a regex \\\\d+\\\\.x"),
            ("<code>+\\</code>", "`+\\`"),
        ]);
    }

    #[test]
    fn external_links_are_one_link() {
        check(&[
            (
                "See [https://www.mediawiki.org/wiki/API:Main_page].",
                "See <https://www.mediawiki.org/wiki/API:Main_page>.",
            ),
            ("[http://x.org/a_(b label]", "[label](http://x.org/a_%28b)"),
            (
                "(see https://x.org/wiki/A_(b))",
                "(see <https://x.org/wiki/A_(b)>)",
            ),
            ("<https://a.org/x y>", "&lt;<https://a.org/x> y&gt;"),
            (
                "![https://x.org/i.png img]",
                "\\![img](https://x.org/i.png)",
            ),
        ]);
    }

    #[test]
    fn wiki_links_show_what_mediawiki_shows() {
        check(&[
            ("See [[Help:Foo|]] now.", "See Foo now."),
            ("[[Help:Foo (bar)|]]", "Foo"),
            ("[[:Category:X]]", "Category:X"),
            ("Pipe [[a|b|c]]", "Pipe b|c"),
            ("[[Foo|-x]]", "\\-x"),
            ("[[Foo|#1]]", "\\#1"),
        ]);
    }

    #[test]
    fn tags_this_does_not_know_stay_text() {
        check(&[
            ("Use <min> and <max>.", "Use &lt;min&gt; and &lt;max&gt;."),
            (
                "<unknowntag>text</unknowntag>",
                "&lt;unknowntag&gt;text&lt;/unknowntag&gt;",
            ),
            ("or a <b> c.", "or a &lt;b&gt; c."),
            ("a <b-c> d", "a &lt;b-c&gt; d"),
            ("<b> spaced </b>word", "**spaced** word"),
            ("a'' spaced''", "a *spaced*"),
            ("x</b>y", "xy"),
            ("<!-- hidden --> text", "text"),
            ("50% <= x >= 10", "50% &lt;= x &gt;= 10"),
        ]);
    }

    #[test]
    fn html_help_reads_as_the_wiki_shows_it() {
        check(&[
            (
                "<a href='https://x.org/'>label</a>",
                "[label](https://x.org/)",
            ),
            ("<a href=\"/wiki/Special:ApiHelp\">help</a>", "help"),
            ("<a href=\"//x.org/y\">there</a>", "there"),
            ("<a href=\"https://x.org/\"></a>", "<https://x.org/>"),
            (
                "<a href=\"https://x.org/\">https://x.org/</a>",
                "<https://x.org/>",
            ),
            ("<a name=\"top\">Top</a>", "Top"),
            ("<code>a</code><code>b</code>", "`a` `b`"),
            (
                "[[Special:ApiHelp/x|<code>a</code>]]<code>b</code>",
                "`a` `b`",
            ),
            ("\\`<code>b</code>", "\\\\\\``b`"),
            ("<CODE>loud</CODE>", "`loud`"),
            ("<code>unclosed", "unclosed"),
        ]);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "chronicle-document.h"

/* Describes a document in one string, so a test states all of it at once:
 * one line per block ("P", "H2", "Q1", "PRE", or "L<level><./-><number>"
 * for an ordered or unordered list item), then its runs in brackets, with
 * the style letters e, s, c, l before a colon and a link's target after
 * ">".  It also checks what holds for every document. */
static char *
describe (ChronicleDocument *document)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < chronicle_document_get_n_blocks (document); i++)
    {
      const ChronicleBlock *block = chronicle_document_get_block (document, i);
      const ChronicleRun *previous = NULL;

      if (i > 0)
        g_string_append_c (out, '\n');

      switch (block->kind)
        {
        case CHRONICLE_BLOCK_PARAGRAPH:
          g_string_append (out, "P");
          break;
        case CHRONICLE_BLOCK_HEADING:
          g_string_append_printf (out, "H%u", block->level);
          break;
        case CHRONICLE_BLOCK_QUOTE:
          g_string_append_printf (out, "Q%u", block->level);
          break;
        case CHRONICLE_BLOCK_LIST_ITEM:
          g_string_append_printf (out, "L%u%c%u",
                                  block->level, block->ordered ? '.' : '-', block->number);
          break;
        case CHRONICLE_BLOCK_PREFORMATTED:
          g_string_append (out, "PRE");
          break;
        case CHRONICLE_BLOCK_CAPTION:
          g_string_append (out, "CAP");
          break;
        case CHRONICLE_BLOCK_IMAGE:
          {
            const ChronicleImage *image = block->image;

            /* The image chosen for a screen of scale 1 and a column of
             * 600 pixels, its description, size and link. */
            g_assert_nonnull (image);
            g_assert_cmpuint (block->runs->len, ==, 0);
            g_string_append_printf (out, "IMG %s", chronicle_image_choose (image, 1, 600, NULL, NULL, NULL));
            if (image->alt != NULL)
              g_string_append_printf (out, " \"%s\"", image->alt);
            if (image->width > 0 || image->height > 0)
              g_string_append_printf (out, " %ux%u", image->width, image->height);
            if (image->href != NULL)
              g_string_append_printf (out, " >%s", image->href);
            continue;
          }
        default:
          g_assert_not_reached ();
        }
      g_string_append_c (out, ' ');

      g_assert_null (block->image);
      g_assert_cmpuint (block->runs->len, >, 0);

      for (guint j = 0; j < block->runs->len; j++)
        {
          const ChronicleRun *run = g_ptr_array_index (block->runs, j);

          g_assert_nonnull (run->text);
          g_assert_cmpstr (run->text, !=, "");
          g_assert_true (g_utf8_validate (run->text, -1, NULL));
          g_assert_true ((run->href != NULL) == ((run->style & CHRONICLE_RUN_LINK) != 0));
          if (previous != NULL)
            g_assert_false (previous->style == run->style &&
                            g_strcmp0 (previous->href, run->href) == 0);
          previous = run;

          g_string_append_c (out, '[');
          if (run->style != CHRONICLE_RUN_PLAIN)
            {
              if (run->style & CHRONICLE_RUN_EMPHASIS)
                g_string_append_c (out, 'e');
              if (run->style & CHRONICLE_RUN_STRONG)
                g_string_append_c (out, 's');
              if (run->style & CHRONICLE_RUN_CODE)
                g_string_append_c (out, 'c');
              if (run->style & CHRONICLE_RUN_LINK)
                g_string_append_c (out, 'l');
              g_string_append_c (out, ':');
            }
          g_string_append (out, run->text);
          if (run->href != NULL)
            g_string_append_printf (out, ">%s", run->href);
          g_string_append_c (out, ']');
        }
    }

  return g_string_free (out, FALSE);
}

#define assert_html_base(html, base_url, expected) \
  G_STMT_START { \
    g_autoptr(ChronicleDocument) doc_ = chronicle_document_new_from_html ((html), -1, (base_url)); \
    g_autofree char *described_ = describe (doc_); \
    g_assert_cmpstr (described_, ==, (expected)); \
  } G_STMT_END

#define assert_html(html, expected) assert_html_base ((html), NULL, (expected))

#define assert_text(text, length, expected) \
  G_STMT_START { \
    g_autoptr(ChronicleDocument) doc_ = chronicle_document_new_from_text ((text), (length)); \
    g_autofree char *described_ = describe (doc_); \
    g_assert_cmpstr (described_, ==, (expected)); \
  } G_STMT_END

static void
test_html_paragraphs (void)
{
  assert_html ("<p>First paragraph.</p>\n<p>Second <b>one</b>.</p>",
               "P [First paragraph.]\n"
               "P [Second ][s:one][.]");
  assert_html ("Loose text<p>Inside</p>after",
               "P [Loose text]\n"
               "P [Inside]\n"
               "P [after]");
  assert_html ("<div>In a div<div>nested</div>tail</div><section>Section</section>"
               "<dl><dt>Term</dt><dd>Definition</dd></dl><address>Address</address>",
               "P [In a div]\n"
               "P [nested]\n"
               "P [tail]\n"
               "P [Section]\n"
               "P [Term]\n"
               "P [Definition]\n"
               "P [Address]");
  assert_html ("<p>One</p><hr><p>Two<hr>Three</p>",
               "P [One]\n"
               "P [Two]\n"
               "P [Three]");
}

static void
test_html_headings (void)
{
  assert_html ("<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4>"
               "<h5>Five</h5><h6>Six <em>six</em></h6>Body",
               "H1 [One]\n"
               "H2 [Two]\n"
               "H3 [Three]\n"
               "H4 [Four]\n"
               "H5 [Five]\n"
               "H6 [Six ][e:six]\n"
               "P [Body]");
  assert_html ("<h2>See <a href=\"https://example.com/\">this</a><br>now</h2>",
               "H2 [See ][l:this>https://example.com/][\nnow]");
}

static void
test_html_inline_styles (void)
{
  assert_html ("<p><strong>bold <em>both</em></strong> <i>it</i> <code>x()</code> "
               "<kbd>K</kbd> <b><i><code>all</code></i></b></p>",
               "P [s:bold ][es:both][ ][e:it][ ][c:x()][ ][c:K][ ][esc:all]");
  assert_html ("<p><cite>c</cite><var>v</var><dfn>d</dfn> <samp>s</samp><tt>t</tt></p>",
               "P [e:cvd][ ][c:st]");
  assert_html ("<p><span>a</span><u>b</u><s>c</s><mark>d</mark><small>e</small>"
               "<sub>f</sub><sup>g</sup><abbr title=\"x\">h</abbr><time>i</time></p>",
               "P [abcdefghi]");
  assert_html ("<p>He said <q>hi <q>there</q></q>.</p>",
               "P [He said “hi ‘there’”.]");
}

static void
test_html_run_merging (void)
{
  assert_html ("<p><b>one</b><b> two</b><strong> three</strong></p>",
               "P [s:one two three]");
  assert_html ("<p><a href=\"https://a.example/\">x</a><a href=\"https://a.example/\">y</a>"
               "<a href=\"https://b.example/\">z</a></p>",
               "P [l:xy>https://a.example/][l:z>https://b.example/]");
  assert_html ("<p>plain<span> more</span><em></em> plain</p>",
               "P [plain more plain]");
}

static void
test_html_links_base (void)
{
  const char *base = "https://example.com/blog/2024/post.html";

  assert_html_base ("<p><a href=\"/a/b.html\">root</a> <a href=\"../x\">up</a> "
                    "<a href=\"https://other.example/page?q=1#f\">abs</a> "
                    "<a href=\"\">empty</a> <a>none</a> "
                    "<a href=\"#note\">frag</a> <a href=\"  other.html \">spaced</a></p>",
                    base,
                    "P [l:root>https://example.com/a/b.html][ ]"
                    "[l:up>https://example.com/blog/x][ ]"
                    "[l:abs>https://other.example/page?q=1#f][ empty none ]"
                    "[l:frag>https://example.com/blog/2024/post.html#note][ ]"
                    "[l:spaced>https://example.com/blog/2024/other.html]");
  assert_html_base ("<p><a href=\"/x\"><b>bold</b> link</a></p>",
                    base,
                    "P [sl:bold>https://example.com/x][l: link>https://example.com/x]");
}

static void
test_html_links_no_base (void)
{
  assert_html ("<p><a href=\"/a/b.html\">rel</a> <a href=\"https://example.com/\">abs</a> "
               "<a href=\"javascript:alert(1)\">js</a> "
               "<a href=\"java&#9;script:alert(1)\">js2</a> "
               "<a href=\"data:text/html,hi\">data</a></p>",
               "P [l:rel>/a/b.html][ ][l:abs>https://example.com/][ js js2 data]");
  /* A base that is no address leaves links as they are. */
  assert_html_base ("<p><a href=\"page.html\">page</a></p>",
                    "not a url",
                    "P [l:page>page.html]");
}

static void
test_html_images (void)
{
  assert_html_base ("<p><img src=\"pic.png\" alt=\"A cat\"></p>"
                    "<p><img src=\"/pic2.png\"></p>"
                    "<p>Before <img src=\"x.png\" alt=\"\"> after</p>"
                    "<figure><img src=\"y.png\" alt=\"Chart\">"
                    "<figcaption>Sales by year</figcaption></figure>"
                    "<p><a href=\"/story\"><img src=\"thumb.png\" alt=\"Thumb\"></a></p>"
                    "<p><img alt=\"No source\"></p>"
                    "<p>Gone: <img></p>",
                    "https://example.com/news/",
                    "IMG https://example.com/news/pic.png \"A cat\"\n"
                    "IMG https://example.com/pic2.png\n"
                    "P [Before]\n"
                    "IMG https://example.com/news/x.png\n"
                    "P [after]\n"
                    "IMG https://example.com/news/y.png \"Chart\"\n"
                    "CAP [Sales by year]\n"
                    "IMG https://example.com/news/thumb.png \"Thumb\" >https://example.com/story\n"
                    "P [No source]\n"
                    "P [Gone:]");

  /* A picture in a list item or quote splits it; the text after it goes
   * on in a block of the same kind, without a second marker. */
  assert_html ("<ul><li>One <img src=\"a.png\" width=\"200\" height=\"100\"> two</li></ul>"
               "<blockquote>Said <img src=\"b.png\"> so</blockquote>",
               "L1-1 [One]\n"
               "IMG a.png 200x100\n"
               "L1-0 [two]\n"
               "Q1 [Said]\n"
               "IMG b.png\n"
               "Q1 [so]");
}

/* What counts as a picture, and what does not: tracking pixels are not
 * even kept, so they are never fetched; icons stay in the text. */
static void
test_html_image_kinds (void)
{
  assert_html ("<p>a<img src=\"https://example.com/t.gif\" width=\"1\" height=\"1\">"
               "<img src=\"t2.gif\" width=\"0\">"
               "<img src=\"t3.gif\" style=\"width: 1px; height: 1px\">"
               "<img src=\"t4.gif\" style=\"display:none\">"
               "<img src=\"t5.gif\" hidden>"
               "<img src=\"https://feeds.feedburner.com/~r/news/~4/abc\">"
               "<img src=\"https://pixel.wp.com/g.gif?blog=1\">b</p>",
               "P [ab]");
  assert_html ("<p>Nice <img class=\"wp-smiley emoji\" src=\"s.svg\" alt=\"🙂\"> and "
               "<img src=\"i.png\" width=\"16\" height=\"16\" alt=\"icon\"> done</p>",
               "P [Nice ][l:🙂>s.svg][ and ][l:icon>i.png][ done]");
  /* Percentages and "auto" are no size; pixels in style are. */
  assert_html ("<img src=\"a.png\" width=\"100%\" height=\"auto\">"
               "<img src=\"b.png\" style=\"width:640px;height:480.5px\">",
               "IMG a.png\n"
               "IMG b.png 640x480");
  /* Pictures that load late keep their address in data-src. */
  assert_html ("<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"real.jpg\" alt=\"Late\">"
               "<img data-lazy-src=\"lazy.jpg\">"
               "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"Inline\">"
               "<img src=\"javascript:alert(1)\" alt=\"Script\">",
               "IMG real.jpg \"Late\"\n"
               "IMG lazy.jpg\n"
               "IMG data:image/png;base64,iVBORw0KGgo= \"Inline\"\n"
               "P [Script]");
}

static void
test_html_picture (void)
{
  /* The first <source> for every screen and of a type that can be read;
   * <source>s for some screens only are left to the <img>. */
  assert_html_base ("<picture>"
                    "<source media=\"(max-width: 600px)\" srcset=\"narrow.avif\">"
                    "<source srcset=\"wide.webp 1x, wide@2x.webp 2x\" type=\"image/webp\">"
                    "<img src=\"wide.jpg\" alt=\"Wide\" width=\"800\" height=\"400\">"
                    "</picture>"
                    "<figure><picture><img srcset=\"s.jpg 400w, m.jpg 800w, l.jpg 1600w\" src=\"m.jpg\"></picture>"
                    "<figcaption><p>First</p><p>Second</p></figcaption></figure>",
                    "https://example.com/",
                    "IMG https://example.com/wide.webp \"Wide\" 800x400\n"
                    "IMG https://example.com/m.jpg\n"
                    "CAP [First]\n"
                    "CAP [Second]");
}

static char *
find_picture (const char *html)
{
  g_autoptr(ChronicleImage) image = chronicle_html_find_picture (html, -1, "https://example.com/a/");

  return image != NULL ? g_strdup (chronicle_image_choose_thumbnail (image)) : NULL;
}

#define assert_picture(html, expected) \
  G_STMT_START { g_autofree char *found = find_picture (html); g_assert_cmpstr (found, ==, expected); } G_STMT_END

static void
test_html_find_picture (void)
{
  /* The first picture, resolved, whatever the case of its tag and
   * whatever its attributes hold. */
  assert_picture ("<p>Text</p><IMG ALT='a > b' SRC=\"one.jpg\"><img src=\"two.jpg\">", "https://example.com/a/one.jpg");
  /* Pixels, hidden pictures, known counters and icons are passed over;
   * so is what only looks like an <img> tag. */
  assert_picture ("<imgx src=\"no.jpg\"><img src=\"/px.gif\" width=\"1\" height=\"1\">"
                  "<img src=\"h.jpg\" style=\"display: none\">"
                  "<img src=\"https://feeds.feedburner.com/~r/x/~4/y\">"
                  "<img class=\"wp-smiley\" src=\"s.png\" alt=\":)\"><img src=\"i.png\" width=\"16\" height=\"16\">"
                  "<img\nsrc=\"real.jpg\">",
                  "https://example.com/a/real.jpg");
  /* Late-loading pages put the address in data-src. */
  assert_picture ("<img src=\"data:image/gif;base64,R0lGOD\" data-src=\"late.jpg\">", "https://example.com/a/late.jpg");
  /* Of a srcset, the smallest that fills a thumbnail on a HiDPI screen,
   * not the size the HTML gives the picture in the article. */
  assert_picture ("<img width=\"1200\" srcset=\"s.jpg 100w, m.jpg 300w, l.jpg 1200w\" src=\"l.jpg\">",
                  "https://example.com/a/m.jpg");
  /* None, an <img> without an address, a tag that never ends, and
   * more pixels than are looked through before the first picture. */
  assert_picture ("<p>No pictures</p>", NULL);
  assert_picture ("<img alt=\"nothing\">", NULL);
  assert_picture ("<img src=\"cut.jpg\" alt=\"never closed", NULL);
  assert_picture ("<img src=1.gif width=1><img src=2.gif width=1><img src=3.gif width=1><img src=4.gif width=1>"
                  "<img src=5.gif width=1><img src=6.gif width=1><img src=7.gif width=1><img src=8.gif width=1>"
                  "<img src=\"late.jpg\">", NULL);
  assert_picture (NULL, NULL);
}

static void
test_html_blockquote (void)
{
  assert_html ("<p>Intro</p><blockquote><p>First</p><p>Second</p>Loose"
               "<blockquote><p>Deeper</p></blockquote><p>Back</p></blockquote><p>Outro</p>",
               "P [Intro]\n"
               "Q1 [First]\n"
               "Q1 [Second]\n"
               "Q1 [Loose]\n"
               "Q2 [Deeper]\n"
               "Q1 [Back]\n"
               "P [Outro]");
  assert_html ("<blockquote>Just text with <em>style</em><cite>Someone</cite></blockquote>",
               "Q1 [Just text with ][e:styleSomeone]");
}

static void
test_html_lists (void)
{
  assert_html ("<ul><li>One</li><li>Two<ul><li>Two A</li><li>Two B</li></ul></li>"
               "<li>Three</li></ul>"
               "<ol start=\"4\"><li>Four</li><li>Five<ol><li>Inner</li></ol></li></ol>",
               "L1-1 [One]\n"
               "L1-2 [Two]\n"
               "L2-1 [Two A]\n"
               "L2-2 [Two B]\n"
               "L1-3 [Three]\n"
               "L1.4 [Four]\n"
               "L1.5 [Five]\n"
               "L2.1 [Inner]");
  /* Paragraphs of one item share its block; text after a nested list
   * continues the item without a second marker. */
  assert_html ("<ol><li><p>Para one</p>\n<p>Para two</p></li>"
               "<li>Item<ul><li>Sub</li></ul>After sub</li></ol><p>Out</p>",
               "L1.1 [Para one\n\nPara two]\n"
               "L1.2 [Item]\n"
               "L2-1 [Sub]\n"
               "L1.0 [After sub]\n"
               "P [Out]");
  /* An item whose first text is blank still shows its marker once. */
  assert_html ("<ul><li>&nbsp;<ul><li>Inner</li></ul>Outer</li></ul>",
               "L2-1 [Inner]\n"
               "L1-1 [Outer]");
}

static void
test_html_list_numbers (void)
{
  assert_html ("<ol start=\"10\" reversed><li>a</li><li>b</li></ol>"
               "<ol reversed><li>x</li><li>y</li><li>z</li></ol>"
               "<ol><li>one</li><li value=\"7\">seven</li><li>eight</li></ol>"
               "<ol start=\"-3\"><li>clamped</li></ol>"
               "<ol start=\"junk\"><li>default</li></ol>",
               "L1.10 [a]\n"
               "L1.9 [b]\n"
               "L1.3 [x]\n"
               "L1.2 [y]\n"
               "L1.1 [z]\n"
               "L1.1 [one]\n"
               "L1.7 [seven]\n"
               "L1.8 [eight]\n"
               "L1.1 [clamped]\n"
               "L1.1 [default]");
}

static void
test_html_pre (void)
{
  assert_html ("<pre>\n  indented\n\tline two\n\n  <b>bold</b>  &lt;tag&gt;\n</pre>"
               "<p>after   it</p>",
               "PRE [  indented\n\tline two\n\n  ][s:bold][  <tag>]\n"
               "P [after it]");
  /* Code in a preformatted block is not styled again. */
  assert_html ("<pre><code class=\"language-c\">int main (void)\n{\n  return 0;\n}\n</code></pre>",
               "PRE [int main (void)\n{\n  return 0;\n}]");
  assert_html ("<pre>a\r\nb\rc<br>d</pre>", "PRE [a\nb\nc\nd]");
}

static void
test_html_line_breaks (void)
{
  assert_html ("<p>Line one<br>Line two <br/> Line three<br><br>After blank<br></p>"
               "<p><br>Leading</p>",
               "P [Line one\nLine two\nLine three\n\nAfter blank]\n"
               "P [Leading]");
}

static void
test_html_whitespace (void)
{
  assert_html ("<p>  lots   of\n\tspace  <b> bold </b>  <i>\n it </i> end  </p>",
               "P [lots of space ][s:bold ][e:it ][end]");
  /* Blocks of white space, non-breaking spaces included, are dropped. */
  assert_html ("<p>a</p>   <p>  </p> <p>&nbsp;</p><div>\n</div><p> b </p>",
               "P [a]\n"
               "P [b]");
}

static void
test_html_entities (void)
{
  assert_html ("<p>&amp; &lt;b&gt; &#8212; &#x2014; &eacute;t&eacute; a&nbsp;b "
               "&quot;q&quot; &#x1F600; AT&T &unknown;</p>",
               "P [& <b> — — été a\u00a0b \"q\" 😀 AT&T &unknown;]");
}

static void
test_html_bad_references (void)
{
  g_autoptr(ChronicleDocument) doc = NULL;
  g_autofree char *text = NULL;

  doc = chronicle_document_new_from_html ("<p>x&#0;y&#xD800;z&#1;w&#x110000;v</p>", -1, NULL);
  text = chronicle_document_to_text (doc);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strchr (text, '\x01'));
  g_assert_true (g_str_has_prefix (text, "x"));
  g_assert_true (g_str_has_suffix (text, "v"));
}

static void
test_html_dropped (void)
{
  const char *html =
    "<p onclick=\"evil()\" style=\"color: red\">Safe <script>alert(\"pwned\")</script>text</p>"
    "<style>p { color: blue }</style>"
    "<iframe src=\"https://evil.example/\">frame text</iframe>"
    "<form action=\"/x\"><input value=\"field\"><button>Press</button>"
    "<textarea>area</textarea><select><option>opt</option></select>form text</form>"
    "<noscript>noscript text</noscript><svg><text>svg text</text></svg>"
    "<math><mi>math text</mi></math><video>video text</video><audio>audio text</audio>"
    "<object>object text</object><embed src=\"x.swf\"><canvas>canvas text</canvas>"
    "<video controls><source src=\"v.webm\"><track src=\"t.vtt\">fallback</video>"
    "<template>template text</template>"
    "<title>Title</title><meta name=\"x\" content=\"meta text\">"
    "<link rel=\"stylesheet\" href=\"x.css\">"
    "<p><a href=\"/ok\" onmouseover=\"steal()\">End</a></p>";
  const char *gone[] = {
    "pwned", "evil", "color", "frame", "field", "Press", "area", "opt", "form", "noscript",
    "svg", "math", "video", "audio", "object", "canvas", "template", "Title", "meta", "steal",
  };
  g_autoptr(ChronicleDocument) doc = chronicle_document_new_from_html (html, -1, NULL);
  g_autofree char *described = describe (doc);
  g_autofree char *text = chronicle_document_to_text (doc);

  g_assert_cmpstr (described, ==,
                   "P [Safe text]\n"
                   "P [l:End>/ok]");
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    g_assert_null (strstr (text, gone[i]));
}

static void
test_html_unclosed (void)
{
  assert_html ("<p>one<p>two<b>bold<i>both",
               "P [one]\n"
               "P [two][s:bold][es:both]");
  assert_html ("<ul><li>a<li>b</ul>after",
               "L1-1 [a]\n"
               "L1-2 [b]\n"
               "P [after]");
  /* A block inside a paragraph ends the paragraph. */
  assert_html ("<p>a<div>b</div>c</p>",
               "P [a]\n"
               "P [b]\n"
               "P [c]");
  assert_html ("<b>bold</i> still</b> plain", "P [s:bold still][ plain]");
  /* A stray end tag or an early </script> does not hide what follows. */
  assert_html ("<p>text</div></body></html>more", "P [text]\nP [more]");
  assert_html ("<script>x()</script><p>Kept</p>", "P [Kept]");
}

static void
test_html_tables (void)
{
  assert_html ("<table><thead><tr><th>Name</th><th>Score</th></tr></thead>"
               "<tbody><tr><td>Ann</td>\n<td> 12 </td></tr>"
               "<tr><td>Bob</td><td></td><td><b>7</b></td></tr></tbody></table>"
               "<p>After</p>",
               "P [Name · Score]\n"
               "P [Ann · 12]\n"
               "P [Bob · ][s:7]\n"
               "P [After]");
}

static void
test_html_invalid_utf8 (void)
{
  g_autoptr(ChronicleDocument) with_nul = NULL;
  g_autofree char *described = NULL;

  assert_html ("<p>caf\xc3 \xff\xfe ok</p>", "P [caf\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd ok]");

  with_nul = chronicle_document_new_from_html ("<p>a\0b</p>", 10, NULL);
  described = describe (with_nul);
  g_assert_cmpstr (described, ==, "P [a\xef\xbf\xbd" "b]");
}

static void
test_html_control_characters (void)
{
  assert_html ("<p>a\x01" "b\x7f c\xc2\x85" "d\te\x1b</p>", "P [ab cd e]");
}

static void
test_html_empty (void)
{
  const char *empty[] = {
    "", "   \n ", "<p> </p><div>\n</div>", "<script>x()</script>", "<br><hr>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(ChronicleDocument) doc = chronicle_document_new_from_html (empty[i], -1, NULL);
      g_autofree char *text = chronicle_document_to_text (doc);

      g_assert_cmpuint (chronicle_document_get_n_blocks (doc), ==, 0);
      g_assert_cmpstr (text, ==, "");
    }

  {
    g_autoptr(ChronicleDocument) doc = chronicle_document_new_from_html (NULL, 0, NULL);

    g_assert_cmpuint (chronicle_document_get_n_blocks (doc), ==, 0);
  }
}

static char *
repeat (const char *open,
        const char *middle,
        const char *close,
        guint       times)
{
  GString *out = g_string_new ("<p>Before</p>");

  for (guint i = 0; i < times; i++)
    g_string_append (out, open);
  g_string_append (out, middle);
  for (guint i = 0; i < times; i++)
    g_string_append (out, close);

  return g_string_free (out, FALSE);
}

static void
assert_hostile_fast (const char *html)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(ChronicleDocument) doc = chronicle_document_new_from_html (html, -1, NULL);
  g_autofree char *text = NULL;
  gint64 elapsed = g_get_monotonic_time () - start;
  const ChronicleBlock *first;

  g_test_message ("converted %zu bytes in %" G_GINT64_FORMAT " us", strlen (html), elapsed);
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);

  /* What comes before the nesting is there as usual. */
  g_assert_cmpuint (chronicle_document_get_n_blocks (doc), >=, 1);
  first = chronicle_document_get_block (doc, 0);
  g_assert_cmpint (first->kind, ==, CHRONICLE_BLOCK_PARAGRAPH);
  g_assert_cmpstr (((ChronicleRun *) g_ptr_array_index (first->runs, 0))->text, ==, "Before");

  text = chronicle_document_to_text (doc);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

/* libxml2 2.9 stops parsing at 256 levels, newer versions may go on;
 * either way converting is quick and keeps what came before. */
static void
test_html_deep_divs (void)
{
  g_autofree char *html = repeat ("<div>", "deep text", "</div>", 100000);

  assert_hostile_fast (html);
}

static void
test_html_deep_bold (void)
{
  g_autofree char *html = repeat ("<b>", "deep text", "</b>", 100000);
  g_autofree char *mixed = repeat ("<blockquote><ul><li><a href=x><em>", "deep",
                                   "</i></p></td>", 100000);

  assert_hostile_fast (html);
  assert_hostile_fast (mixed);
}

static void
test_html_caps (void)
{
  GString *html = g_string_new (NULL);
  g_autoptr(ChronicleDocument) doc = NULL;
  g_autoptr(ChronicleDocument) text_doc = NULL;
  g_autofree char *huge = NULL;
  const ChronicleBlock *block;
  gsize len;

  for (guint i = 0; i < 100010; i++)
    g_string_append (html, "<p>x</p>");
  doc = chronicle_document_new_from_html (html->str, html->len, NULL);
  g_string_free (html, TRUE);
  g_assert_cmpuint (chronicle_document_get_n_blocks (doc), ==, 100000);

  /* 17 MiB of text is cut to 16 MiB, at a character boundary. */
  len = 17 * 1024 * 1024;
  huge = g_malloc (len + 1);
  for (gsize i = 0; i + 1 < len; i += 2)
    memcpy (huge + i, "é", 2);
  huge[len] = '\0';
  text_doc = chronicle_document_new_from_text (huge, len);
  block = chronicle_document_get_block (text_doc, 0);
  g_assert_cmpuint (strlen (((ChronicleRun *) g_ptr_array_index (block->runs, 0))->text), ==,
                    16 * 1024 * 1024);
}

static void
test_text_not_markup (void)
{
  assert_text ("Use <b>bold</b> &amp; <i>", -1, "P [Use <b>bold</b> &amp; <i>]");
}

static void
test_text_paragraphs (void)
{
  assert_text ("First line\r\nsecond line\r\n\r\n  \t \r\nSecond para  \n\n\n\nThird\rpara\n",
               -1,
               "P [First line\nsecond line]\n"
               "P [Second para]\n"
               "P [Third\npara]");
  assert_text ("\n\n  Indented start\n  keeps inner indent\n", -1,
               "P [Indented start\n  keeps inner indent]");
  assert_text ("", 0, "");
  assert_text (" \n\t\n", -1, "");
}

static void
test_text_invalid_utf8 (void)
{
  assert_text ("ab\xff\x01" "cd\x1b\ttab", -1, "P [ab\xef\xbf\xbd" "cd\ttab]");
  /* A length that cuts a character drops it. */
  assert_text ("café", 4, "P [caf]");
}

static void
test_to_text (void)
{
  g_autoptr(ChronicleDocument) doc =
    chronicle_document_new_from_html ("<h1>Title</h1><p>One <b>two</b><br>three</p>"
                                      "<ul><li>Item</li></ul>",
                                      -1, NULL);
  g_autofree char *text = chronicle_document_to_text (doc);

  g_assert_cmpstr (text, ==, "Title\n\nOne two\nthree\n\nItem");
}

static void
test_html_to_text (void)
{
  g_autofree char *text = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *pre = NULL;

  text = chronicle_html_to_text ("<p>Hello <b>world</b>!</p>\n<p>Second&nbsp;para<br>line</p>"
                                 "<img src=\"x.png\"><img src=\"y.png\" alt=\"Alt\">"
                                 "<script>bad()</script><ul><li>item</li></ul>", -1);
  g_assert_cmpstr (text, ==, "Hello world! Second\u00a0para line Alt item");

  /* An excerpt cut inside "é" loses the cut character, not the rest. */
  cut = chronicle_html_to_text ("<p>café au lait</p>", 7);
  g_assert_cmpstr (cut, ==, "caf");

  empty = chronicle_html_to_text (NULL, -1);
  g_assert_cmpstr (empty, ==, "");

  pre = chronicle_html_to_text ("<pre>a\n\n   b</pre>", -1);
  g_assert_cmpstr (pre, ==, "a b");
}

static void
test_looks_like_markup (void)
{
  const char *markup[] = {
    "<b>bold</b>", "Line</p>", "Fish &amp; chips", "&#8212;", "&#x2014;", "a<br/>b",
    "<img src=\"x\">", "<!-- comment -->", "<!DOCTYPE html>", "<p\nclass=\"x\">", "caf&eacute;",
  };
  const char *plain[] = {
    "", "a < b and c > d", "AT&T", "Tom & Jerry", "<me@example.com>",
    "<https://example.com>", "I <3 you", "if (a<b) {}", "&;", "& amp;", "5 <= 6",
    "unclosed <b", "&#;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (markup); i++)
    {
      g_test_message ("markup: %s", markup[i]);
      g_assert_true (chronicle_html_looks_like_markup (markup[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_test_message ("plain: %s", plain[i]);
      g_assert_false (chronicle_html_looks_like_markup (plain[i]));
    }
}

static void
test_boxed (void)
{
  g_autoptr(ChronicleDocument) doc = chronicle_document_new_from_text ("Hello", -1);
  ChronicleDocument *copy;

  g_assert_true (G_TYPE_IS_BOXED (CHRONICLE_TYPE_DOCUMENT));

  copy = g_boxed_copy (CHRONICLE_TYPE_DOCUMENT, doc);
  g_assert_true (copy == doc);
  g_boxed_free (CHRONICLE_TYPE_DOCUMENT, copy);

  copy = chronicle_document_ref (doc);
  chronicle_document_unref (copy);
  g_assert_cmpuint (chronicle_document_get_n_blocks (doc), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/html/paragraphs", test_html_paragraphs);
  g_test_add_func ("/document/html/headings", test_html_headings);
  g_test_add_func ("/document/html/inline-styles", test_html_inline_styles);
  g_test_add_func ("/document/html/run-merging", test_html_run_merging);
  g_test_add_func ("/document/html/links-base", test_html_links_base);
  g_test_add_func ("/document/html/links-no-base", test_html_links_no_base);
  g_test_add_func ("/document/html/images", test_html_images);
  g_test_add_func ("/document/html/image-kinds", test_html_image_kinds);
  g_test_add_func ("/document/html/picture", test_html_picture);
  g_test_add_func ("/document/html/find-picture", test_html_find_picture);
  g_test_add_func ("/document/html/blockquote", test_html_blockquote);
  g_test_add_func ("/document/html/lists", test_html_lists);
  g_test_add_func ("/document/html/list-numbers", test_html_list_numbers);
  g_test_add_func ("/document/html/pre", test_html_pre);
  g_test_add_func ("/document/html/line-breaks", test_html_line_breaks);
  g_test_add_func ("/document/html/whitespace", test_html_whitespace);
  g_test_add_func ("/document/html/entities", test_html_entities);
  g_test_add_func ("/document/html/bad-references", test_html_bad_references);
  g_test_add_func ("/document/html/dropped", test_html_dropped);
  g_test_add_func ("/document/html/unclosed", test_html_unclosed);
  g_test_add_func ("/document/html/tables", test_html_tables);
  g_test_add_func ("/document/html/invalid-utf8", test_html_invalid_utf8);
  g_test_add_func ("/document/html/control-characters", test_html_control_characters);
  g_test_add_func ("/document/html/empty", test_html_empty);
  g_test_add_func ("/document/html/deep-divs", test_html_deep_divs);
  g_test_add_func ("/document/html/deep-bold", test_html_deep_bold);
  g_test_add_func ("/document/html/caps", test_html_caps);
  g_test_add_func ("/document/text/not-markup", test_text_not_markup);
  g_test_add_func ("/document/text/paragraphs", test_text_paragraphs);
  g_test_add_func ("/document/text/invalid-utf8", test_text_invalid_utf8);
  g_test_add_func ("/document/to-text", test_to_text);
  g_test_add_func ("/document/html-to-text", test_html_to_text);
  g_test_add_func ("/document/looks-like-markup", test_looks_like_markup);
  g_test_add_func ("/document/boxed", test_boxed);

  return g_test_run ();
}

#include "text/HtmlPage.h"

#include <gumbo.h>

#include <memory>
#include <string>

#include "text/Mojibake.h"

namespace ml::text {
namespace {

bool skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_FORM: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_OBJECT: case GUMBO_TAG_CANVAS: case GUMBO_TAG_MATH:
      return true;
    default:
      return false;
  }
}

bool insideContent(const GumboNode* node) {
  for (const GumboNode* p = node->parent; p != nullptr; p = p->parent) {
    if (p->type != GUMBO_NODE_ELEMENT) continue;
    const GumboTag t = p->v.element.tag;
    if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_SECTION) return true;
  }
  return false;
}

bool attributeIs(const GumboNode* node, const char* name, std::string_view value) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a != nullptr && (value.empty() || std::string_view(a->value) == value);
}

// Left out: navigation, scripts and styles, hidden parts, and the page's own header and
// footer (a header or footer inside an article or main belongs to the text and is read).
bool skippedNode(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return false;
  const GumboTag tag = node->v.element.tag;
  if (skipped(tag)) return true;
  if (attributeIs(node, "hidden", "") || attributeIs(node, "aria-hidden", "true")) return true;
  for (const char* role : {"navigation", "banner", "contentinfo", "search"}) {
    if (attributeIs(node, "role", role)) return true;
  }
  return (tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FOOTER) && !insideContent(node);
}

int headingLevel(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

// Elements whose text is one paragraph.
bool paragraphLike(GumboTag tag) {
  return tag == GUMBO_TAG_P || tag == GUMBO_TAG_DT || tag == GUMBO_TAG_DD ||
         tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_CAPTION || tag == GUMBO_TAG_PRE ||
         tag == GUMBO_TAG_ADDRESS || tag == GUMBO_TAG_SUMMARY;
}

// Inline content: text flows through these into the surrounding block.
bool inlineTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_A: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG: case GUMBO_TAG_EM:
    case GUMBO_TAG_B: case GUMBO_TAG_I: case GUMBO_TAG_U: case GUMBO_TAG_SMALL:
    case GUMBO_TAG_ABBR: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP: case GUMBO_TAG_TIME: case GUMBO_TAG_MARK: case GUMBO_TAG_Q:
    case GUMBO_TAG_BR: case GUMBO_TAG_WBR: case GUMBO_TAG_S: case GUMBO_TAG_LABEL:
    case GUMBO_TAG_DATA: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO: case GUMBO_TAG_INS:
    case GUMBO_TAG_DEL: case GUMBO_TAG_DFN: case GUMBO_TAG_KBD: case GUMBO_TAG_VAR:
    case GUMBO_TAG_IMG:
      return true;
    default:
      return false;
  }
}

class Reader {
 public:
  HtmlPage page;

  void container(const GumboNode* node, int depth) {
    if (depth > 200) return;  // pathological nesting
    std::string pending;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA ||
          child->type == GUMBO_NODE_WHITESPACE) {
        pending += child->v.text.text;
      } else if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE) {
        const GumboTag tag = child->v.element.tag;
        if (skippedNode(child)) continue;
        if (inlineTag(tag)) {
          inlineText(child, pending, depth + 1);
        } else {
          flush(pending, TextBlock::Kind::Paragraph);
          block(child, depth + 1);
        }
      }
    }
    flush(pending, TextBlock::Kind::Paragraph);
  }

 private:
  void block(const GumboNode* node, int depth) {
    const GumboTag tag = node->v.element.tag;
    if (const int level = headingLevel(tag)) {
      std::string text;
      inlineText(node, text, depth);
      heading(level, cleaned(text));
    } else if (paragraphLike(tag)) {
      std::string text;
      inlineText(node, text, depth);
      flush(text, TextBlock::Kind::Paragraph);
    } else if (tag == GUMBO_TAG_LI) {
      listItem(node, depth);
    } else if (tag == GUMBO_TAG_TITLE) {
      if (titleTag_.empty()) inlineText(node, titleTag_, depth);
    } else {
      container(node, depth);
    }
  }

  // A list item's own text is one block; nested lists follow as their own items.
  void listItem(const GumboNode* node, int depth) {
    std::string text;
    std::vector<const GumboNode*> nested;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_ELEMENT && !inlineTag(child->v.element.tag)) {
        if (!skippedNode(child)) nested.push_back(child);
      } else {
        appendNode(child, text, depth + 1);
      }
    }
    flush(text, TextBlock::Kind::ListItem);
    for (const auto* n : nested) block(n, depth + 1);
  }

  void inlineText(const GumboNode* node, std::string& out, int depth) {
    if (depth > 200) return;
    const GumboVector& children = node->v.element.children;
    if (node->v.element.tag == GUMBO_TAG_A) {
      if (const GumboAttribute* href = gumbo_get_attribute(&node->v.element.attributes, "href")) {
        page.links.emplace_back(href->value);
      }
    }
    if (node->v.element.tag == GUMBO_TAG_BR) out += ' ';
    for (unsigned i = 0; i < children.length; ++i) {
      appendNode(static_cast<const GumboNode*>(children.data[i]), out, depth + 1);
    }
  }

  void appendNode(const GumboNode* node, std::string& out, int depth) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE) {
      out += node->v.text.text;
    } else if (node->type == GUMBO_NODE_ELEMENT && !skippedNode(node)) {
      out += ' ';
      inlineText(node, out, depth);
      out += ' ';
    }
  }

  std::string cleaned(const std::string& raw) {
    auto repaired = repairMojibakeDetailed(cleanWhitespace(raw));
    page.mojibakeRepairs += repaired.sequences;
    return repaired.text;
  }

  void heading(int level, std::string text) {
    if (text.empty()) return;
    if (level == 1 && page.title.empty()) {
      page.title = std::move(text);
      return;
    }
    page.sections.push_back(Section{std::move(text), {}});
  }

  void flush(std::string& raw, TextBlock::Kind kind) {
    std::string text = cleaned(raw);
    raw.clear();
    if (text.empty()) return;
    if (page.sections.empty()) page.sections.push_back(Section{});
    page.sections.back().blocks.push_back(TextBlock{kind, std::move(text)});
  }

 public:
  std::string titleTag_;
};

}  // namespace

std::string cleanWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    std::size_t skip = 0;
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      ws = true;  // U+00A0 no-break space
      skip = 1;
    }
    if (ws) {
      space = !out.empty();
      i += skip;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

HtmlPage parseHtmlPage(std::string_view html) {
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  Reader reader;
  if (!out || out->root == nullptr || out->root->type != GUMBO_NODE_ELEMENT) return {};
  // The <title> lives in <head>, which the body walk skips.
  const GumboVector& top = out->root->v.element.children;
  for (unsigned i = 0; i < top.length; ++i) {
    const auto* n = static_cast<const GumboNode*>(top.data[i]);
    if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag != GUMBO_TAG_HEAD) continue;
    const GumboVector& head = n->v.element.children;
    for (unsigned k = 0; k < head.length; ++k) {
      const auto* h = static_cast<const GumboNode*>(head.data[k]);
      if (h->type == GUMBO_NODE_ELEMENT && h->v.element.tag == GUMBO_TAG_TITLE &&
          h->v.element.children.length > 0) {
        const auto* t = static_cast<const GumboNode*>(h->v.element.children.data[0]);
        if (t->type == GUMBO_NODE_TEXT) reader.titleTag_ = t->v.text.text;
      }
    }
  }
  reader.container(out->root, 0);
  if (reader.page.title.empty()) reader.page.title = repairMojibake(cleanWhitespace(reader.titleTag_));
  return std::move(reader.page);
}

std::vector<std::string> htmlParagraphs(std::string_view fragment) {
  if (fragment.find_first_of("<&") == std::string_view::npos) {
    std::string text = cleanWhitespace(fragment);
    if (text.empty()) return {};
    return {std::move(text)};
  }
  const HtmlPage page = parseHtmlPage(fragment);
  std::vector<std::string> out;
  if (!page.title.empty()) out.push_back(page.title);
  for (const auto& s : page.sections) {
    if (!s.heading.empty()) out.push_back(s.heading);
    int item = 0;  // list items numbered "1. ...", as DebateText numbers a section's
    for (const auto& b : s.blocks) {
      if (b.kind == TextBlock::Kind::ListItem) out.push_back(std::to_string(++item) + ". " + b.text);
      else {
        item = 0;
        out.push_back(b.text);
      }
    }
  }
  return out;
}

std::string htmlText(std::string_view fragment) {
  std::string out;
  for (const auto& p : htmlParagraphs(fragment)) out += (out.empty() ? "" : " ") + p;
  return out;
}

}  // namespace ml::text

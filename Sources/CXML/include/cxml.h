#ifndef CXML_H
#define CXML_H

// A plain C view of libxml2's parsers and tree for Swift. Documents, nodes and
// attributes are opaque pointers; strings are libxml2's UTF-8, valid until the
// document is freed. libxml2's own headers stay in cxml.c (they include ICU's
// headers, which clash with Foundation's copy of ICU when Swift imports them).

enum {
    CXML_ELEMENT = 1,
    CXML_TEXT = 3,
    CXML_CDATA = 4,
    CXML_ENTITY_REF = 5,
};

/// Parses an HTML page given as UTF-8 (its declared charset ignored), recovering
/// from broken markup; no network access. NULL when nothing could be parsed.
const void *cxml_parse_html(const char *utf8, int length);
/// What an HTML page's SAX parse reports: an element opened (with its attributes
/// as name, value, …, NULL), an element closed, text (not NUL-terminated).
typedef struct {
    void (*start)(void *context, const char *name, const char **attributes);
    void (*end)(void *context, const char *name);
    void (*text)(void *context, const char *text, int length);
} cxml_html_handler;

/// Parses an HTML page given as UTF-8 as cxml_parse_html does, without building
/// libxml2's tree: the handler sees the repaired element structure. Returns 0
/// when the parser could not be created.
int cxml_sax_html(const char *utf8, int length, const cxml_html_handler *handler, void *context);

/// Parses an XML document given as UTF-8 in recover mode; no network access, no
/// external entities or DTDs loaded. NULL when nothing could be parsed.
const void *cxml_parse_xml(const char *utf8, int length);
void cxml_free(const void *document);

const void *cxml_first_child(const void *document_or_node);
const void *cxml_next(const void *node);
int cxml_type(const void *node);
const char *cxml_name(const void *node);
/// The namespace prefix of an element or attribute, NULL without one.
const char *cxml_prefix(const void *node);
/// The text of a text or CDATA node.
const char *cxml_content(const void *node);

const void *cxml_first_attribute(const void *element);
const void *cxml_next_attribute(const void *attribute);
const char *cxml_attribute_name(const void *attribute);
const char *cxml_attribute_prefix(const void *attribute);
/// The first text node of an attribute's value (walk it with cxml_next).
const void *cxml_attribute_value(const void *attribute);

#endif

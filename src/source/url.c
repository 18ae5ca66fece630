#include "config.h"

#include "source/url.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include "util/xalloc.h"

bool url_has_scheme(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return false;
	while (isalnum((unsigned char)*s) || *s == '+' || *s == '-' ||
	       *s == '.')
		s++;
	return strncmp(s, "://", 3) == 0;
}

bool url_is_fetched(const char *s)
{
	static const char *const schemes[] = {"http://", "https://", "file://"};
	for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
		if (!strncasecmp(s, schemes[i], strlen(schemes[i])))
			return true;
	return false;
}

/* s with spaces, controls and non-ASCII bytes percent-encoded and the rest
 * (RFC 3986's reserved characters, '%' of an existing escape) kept. */
static xmlChar *escaped(const char *s)
{
	return xmlURIEscapeStr((const xmlChar *)s,
	                       (const xmlChar *)":/?#[]@!$&'()*+,;=%~|^{}`");
}

char *url_resolve(const char *url, const char *base)
{
	xmlChar *u = escaped(url);
	if (!u)
		return xstrdup(url);
	xmlChar *r = NULL;
	if (base) {
		xmlChar *b = escaped(base);
		if (b)
			r = xmlBuildURI(u, b);
		xmlFree(b);
	}
	char *out = xstrdup((const char *)(r ? r : u));
	xmlFree(r);
	xmlFree(u);
	return out;
}

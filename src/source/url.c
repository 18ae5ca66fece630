#include "config.h"

#include "source/url.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

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

#include "config.h"

#include "source/url.h"

#include <ctype.h>
#include <string.h>

bool url_has_scheme(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return false;
	while (isalnum((unsigned char)*s) || *s == '+' || *s == '-' ||
	       *s == '.')
		s++;
	return strncmp(s, "://", 3) == 0;
}

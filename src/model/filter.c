/* The filter language: a small tokenizer, a recursive descent parser
 * ("or" over "and" over comparisons and parentheses) checking each
 * comparison against its attribute's kind, and a tree walk to evaluate. */
#include "config.h"

#include "model/filter.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "text/find.h"
#include "text/textkey.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum op {
	OP_EQ,
	OP_NE,
	OP_MATCH,
	OP_NOMATCH,
	OP_HAS,
	OP_HASNT,
	OP_LT,
	OP_GT,
	OP_LE,
	OP_GE,
	OP_BETWEEN,
};

/* The operators as written, longest first where one begins another. */
static const struct {
	const char *text;
	enum op op;
} op_names[] = {
        {"!=", OP_NE},    {"=~", OP_MATCH},        {"!~", OP_NOMATCH},
        {"!#", OP_HASNT}, {"<=", OP_LE},           {">=", OP_GE},
        {"=", OP_EQ},     {"#", OP_HAS},           {"<", OP_LT},
        {">", OP_GT},     {"between", OP_BETWEEN},
};

enum kind { K_TEXT, K_NUMBER, K_BOOL, K_LETTERS, K_LIST };

enum attr {
	A_TITLE,
	A_CONTENT,
	A_AUTHOR,
	A_LINK,
	A_GUID,
	A_FEEDTITLE,
	A_FEEDURL,
	A_FEEDLINK,
	A_AGE,
	A_UNREAD,
	A_STARRED,
	A_FLAGS,
	A_TAGS,
};

static const struct {
	const char *name;
	enum attr attr;
	enum kind kind;
} attrs[] = {
        {"title", A_TITLE, K_TEXT},       {"content", A_CONTENT, K_TEXT},
        {"author", A_AUTHOR, K_TEXT},     {"link", A_LINK, K_TEXT},
        {"guid", A_GUID, K_TEXT},         {"feedtitle", A_FEEDTITLE, K_TEXT},
        {"feedurl", A_FEEDURL, K_TEXT},   {"rssurl", A_FEEDURL, K_TEXT},
        {"feedlink", A_FEEDLINK, K_TEXT}, {"age", A_AGE, K_NUMBER},
        {"unread", A_UNREAD, K_BOOL},     {"starred", A_STARRED, K_BOOL},
        {"flags", A_FLAGS, K_LETTERS},    {"tags", A_TAGS, K_LIST},
};

#define BIT(op) (1u << (op))

/* The operators each kind of attribute takes. */
static const unsigned kind_ops[] = {
        [K_TEXT] = BIT(OP_EQ) | BIT(OP_NE) | BIT(OP_MATCH) | BIT(OP_NOMATCH) |
                   BIT(OP_HAS) | BIT(OP_HASNT),
        [K_NUMBER] = BIT(OP_EQ) | BIT(OP_NE) | BIT(OP_LT) | BIT(OP_GT) |
                     BIT(OP_LE) | BIT(OP_GE) | BIT(OP_BETWEEN),
        [K_BOOL] = BIT(OP_EQ) | BIT(OP_NE),
        [K_LETTERS] = BIT(OP_EQ) | BIT(OP_NE) | BIT(OP_HAS) | BIT(OP_HASNT),
        [K_LIST] =
                BIT(OP_MATCH) | BIT(OP_NOMATCH) | BIT(OP_HAS) | BIT(OP_HASNT),
};

enum node { N_AND, N_OR, N_CMP };

struct filter {
	enum node node;
	struct filter *left, *right; /* N_AND, N_OR */
	enum attr attr;
	enum kind kind;
	enum op op;
	char *value;              /* as written */
	char *key;                /* text_key() of value */
	long long lo, hi;         /* numbers; a yes/no is 1 or 0 */
	struct text_query *words; /* a match of plain words */
	regex_t *re;              /* a match of a regular expression */
};

enum token_kind {
	T_END,
	T_WORD,
	T_STRING,
	T_NUMBER,
	T_RANGE,
	T_OP,
	T_OPEN,
	T_CLOSE
};

struct token {
	enum token_kind kind;
	size_t at, len; /* bytes of the text */
	char *text;     /* T_STRING: unescaped; T_WORD: a copy */
	enum op op;
	long long lo, hi; /* T_NUMBER (lo), T_RANGE */
};

struct parser {
	const char *text;
	size_t pos; /* after tok */
	struct token tok;
	char *error;
	size_t column;
};

/* The column (in characters, from 1) of byte at. */
static size_t column_of(const char *text, size_t at)
{
	size_t col = 1;
	for (size_t i = 0; i < at; i++)
		col += ((unsigned char)text[i] & 0xC0) != 0x80;
	return col;
}

/* Record the first error: msg at byte at, quoting the token there when
 * there is one. */
static void fail_at(struct parser *p, size_t at, size_t len, const char *msg)
{
	if (p->error)
		return;
	p->column = column_of(p->text, at);
	if (len) {
		size_t show = len > 40 ? 40 : len;
		while (show < len &&
		       ((unsigned char)p->text[at + show] & 0xC0) == 0x80)
			show++;
		p->error = xasprintf(_("column %zu: %s, not '%.*s'"), p->column,
		                     msg, (int)show, p->text + at);
	} else {
		p->error = xasprintf(_("column %zu: %s, at the end"), p->column,
		                     msg);
	}
}

/* Record the first error: msg at byte at, as it is. */
static void fail_plain(struct parser *p, size_t at, const char *msg)
{
	if (p->error)
		return;
	p->column = column_of(p->text, at);
	p->error = xasprintf(_("column %zu: %s"), p->column, msg);
}

/* An error at the current token. */
static void fail(struct parser *p, const char *msg)
{
	fail_at(p, p->tok.at, p->tok.kind == T_END ? 0 : p->tok.len, msg);
}

static bool is_number(const char *s, size_t len, long long *n)
{
	if (len == 0 || len > 15)
		return false;
	long long v = 0;
	for (size_t i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*n = v;
	return true;
}

/* "N:M" into lo and hi. */
static bool is_range(const char *s, size_t len, long long *lo, long long *hi)
{
	const char *colon = memchr(s, ':', len);
	return colon && is_number(s, (size_t)(colon - s), lo) &&
	       is_number(colon + 1, len - (size_t)(colon + 1 - s), hi);
}

/* A quoted text from p->pos (at its opening quote). */
static bool lex_string(struct parser *p, struct token *t)
{
	const char *s = p->text + t->at + 1;
	char *out = xmalloc(strlen(s) + 1);
	size_t n = 0;
	for (; *s && *s != '"'; s++) {
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		out[n++] = *s;
	}
	if (!*s) {
		free(out);
		fail_plain(p, t->at, _("this quote is never closed"));
		return false;
	}
	out[n] = '\0';
	t->kind = T_STRING;
	t->text = out;
	t->len = (size_t)(s + 1 - (p->text + t->at));
	return true;
}

/* The run of characters of a bare word, number or range at s. */
static size_t bare_len(const char *s)
{
	size_t n = 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_' || s[n] == ':' ||
	       s[n] == '-')
		n++;
	return n;
}

static bool lex_operator(struct token *t, const char *s)
{
	for (size_t i = 0; i < sizeof op_names / sizeof *op_names; i++) {
		size_t n = strlen(op_names[i].text);
		if (!strncmp(s, op_names[i].text, n) &&
		    (isalpha((unsigned char)*s) ? bare_len(s) == n : true)) {
			t->kind = T_OP;
			t->op = op_names[i].op;
			t->len = n;
			return true;
		}
	}
	return false;
}

/* Read the next token into p->tok; false (with the error) on a bad one. */
static bool next(struct parser *p)
{
	free(p->tok.text);
	struct token *t = &p->tok;
	*t = (struct token){0};
	while (isspace((unsigned char)p->text[p->pos]))
		p->pos++;
	t->at = p->pos;
	const char *s = p->text + p->pos;
	bool ok = true;
	if (!*s) {
		t->kind = T_END;
	} else if (*s == '(' || *s == ')') {
		t->kind = *s == '(' ? T_OPEN : T_CLOSE;
		t->len = 1;
	} else if (*s == '"') {
		ok = lex_string(p, t);
	} else if (lex_operator(t, s)) {
	} else if ((t->len = bare_len(s)) > 0) {
		if (is_number(s, t->len, &t->lo))
			t->kind = T_NUMBER;
		else if (is_range(s, t->len, &t->lo, &t->hi))
			t->kind = T_RANGE;
		else
			t->kind = T_WORD;
		t->text = xstrndup(s, t->len);
	} else {
		t->len = 1;
		while (((unsigned char)s[t->len] & 0xC0) == 0x80)
			t->len++;
		char *msg = xasprintf(_("unexpected character '%.*s'"),
		                      (int)t->len, s);
		fail_plain(p, t->at, msg);
		free(msg);
		ok = false;
	}
	p->pos = t->at + t->len;
	return ok;
}

static struct filter *node_new(enum node kind)
{
	struct filter *f = xcalloc(1, sizeof *f);
	f->node = kind;
	return f;
}

void filter_free(struct filter *f)
{
	if (!f)
		return;
	filter_free(f->left);
	filter_free(f->right);
	free(f->value);
	free(f->key);
	text_query_free(f->words);
	if (f->re) {
		regfree(f->re);
		free(f->re);
	}
	free(f);
}

/* Whether a value is plain words for =~ rather than a regular
 * expression. */
static bool plain_words(const char *v)
{
	return strpbrk(v, ".[]()*+?{}|^$\\") == NULL;
}

/* Make f's matcher from its value: plain words, else a regular
 * expression; false (with the error at the value) when it is none. */
static bool make_matcher(struct parser *p, struct filter *f)
{
	if (plain_words(f->value) &&
	    (f->words = text_query_new(f->value, strlen(f->value))))
		return true;
	f->re = xmalloc(sizeof *f->re);
	int rc = regcomp(f->re, f->value, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc == 0)
		return true;
	char why[128];
	regerror(rc, f->re, why, sizeof why);
	free(f->re);
	f->re = NULL;
	char *msg = xasprintf(_("not a regular expression (%s)"), why);
	fail_plain(p, p->tok.at, msg);
	free(msg);
	return false;
}

/* The value of a comparison, checked against its attribute's kind. */
static bool parse_value(struct parser *p, struct filter *f)
{
	struct token *t = &p->tok;
	const char *s = t->kind == T_STRING ? t->text : p->text + t->at;
	size_t len = t->kind == T_STRING ? strlen(t->text) : t->len;
	bool word = t->kind != T_END && t->kind != T_OP && t->kind != T_OPEN &&
	            t->kind != T_CLOSE;
	if (f->op == OP_BETWEEN) {
		if (!word || !is_range(s, len, &f->lo, &f->hi) ||
		    t->kind == T_WORD) {
			fail(p, _("expected a range such as 1:7"));
			return false;
		}
	} else if (f->kind == K_NUMBER) {
		if (!word || t->kind == T_WORD || !is_number(s, len, &f->lo)) {
			fail(p, _("expected a whole number"));
			return false;
		}
	} else if (f->kind == K_BOOL) {
		if (!word ||
		    (strcmp(t->text, "yes") && strcmp(t->text, "no"))) {
			fail(p, _("expected \"yes\" or \"no\""));
			return false;
		}
		f->lo = !strcmp(t->text, "yes");
	} else if (t->kind != T_STRING && t->kind != T_NUMBER) {
		fail(p, _("expected a \"quoted text\""));
		return false;
	}
	f->value = xstrndup(s, len);
	f->key = text_key(f->value, len);
	if ((f->op == OP_MATCH || f->op == OP_NOMATCH) && !make_matcher(p, f))
		return false;
	return next(p);
}

static bool at_word(const struct parser *p, const char *word)
{
	return p->tok.kind == T_WORD && !strcmp(p->tok.text, word);
}

/* ATTRIBUTE OPERATOR VALUE. */
static struct filter *parse_comparison(struct parser *p)
{
	struct token *t = &p->tok;
	if (t->kind != T_WORD || at_word(p, "and") || at_word(p, "or")) {
		fail(p, _("expected an attribute such as title, content or "
		          "age"));
		return NULL;
	}
	size_t i = 0, n = sizeof attrs / sizeof *attrs;
	while (i < n && strcmp(attrs[i].name, t->text) != 0)
		i++;
	if (i == n) {
		fail(p, _("unknown attribute"));
		return NULL;
	}
	struct filter *f = node_new(N_CMP);
	f->attr = attrs[i].attr;
	f->kind = attrs[i].kind;
	if (!next(p))
		goto bad;
	if (t->kind != T_OP) {
		fail(p, _("expected an operator (=, !=, =~, !~, #, !#, <, >, "
		          "<=, >= or between)"));
		goto bad;
	}
	f->op = t->op;
	if (!(kind_ops[f->kind] & BIT(f->op))) {
		char *msg = xasprintf(_("%s does not take this operator"),
		                      attrs[i].name);
		fail(p, msg);
		free(msg);
		goto bad;
	}
	if (next(p) && parse_value(p, f))
		return f;
bad:
	filter_free(f);
	return NULL;
}

static struct filter *parse_or(struct parser *p);

/* A comparison or an expression in parentheses. */
static struct filter *parse_term(struct parser *p)
{
	if (p->tok.kind != T_OPEN)
		return parse_comparison(p);
	if (!next(p))
		return NULL;
	struct filter *f = parse_or(p);
	if (f && p->tok.kind != T_CLOSE) {
		fail(p, _("expected 'and', 'or' or ')'"));
		filter_free(f);
		return NULL;
	}
	if (f && !next(p)) {
		filter_free(f);
		return NULL;
	}
	return f;
}

/* Terms joined by word into a left-leaning tree of kind. */
static struct filter *parse_chain(struct parser *p, const char *word,
                                  enum node kind,
                                  struct filter *(*operand)(struct parser *))
{
	struct filter *f = operand(p);
	while (f && at_word(p, word)) {
		struct filter *both = node_new(kind);
		both->left = f;
		f = both;
		if (next(p))
			f->right = operand(p);
		if (!f->right) {
			filter_free(f);
			return NULL;
		}
	}
	return f;
}

static struct filter *parse_and(struct parser *p)
{
	return parse_chain(p, "and", N_AND, parse_term);
}

static struct filter *parse_or(struct parser *p)
{
	return parse_chain(p, "or", N_OR, parse_and);
}

struct filter *filter_parse(const char *text, char **error, size_t *column)
{
	struct parser p = {.text = text};
	struct filter *f = next(&p) ? parse_or(&p) : NULL;
	if (f && p.tok.kind != T_END) {
		fail(&p, _("expected 'and', 'or' or the end"));
		filter_free(f);
		f = NULL;
	}
	free(p.tok.text);
	if (!f) {
		*error = p.error;
		if (column)
			*column = p.column;
	}
	return f;
}

static const char *text_of(const struct filter *f, const struct filter_item *it)
{
	const char *s = NULL;
	switch (f->attr) {
	case A_TITLE:
		s = it->title;
		break;
	case A_CONTENT:
		s = it->content;
		break;
	case A_AUTHOR:
		s = it->author;
		break;
	case A_LINK:
		s = it->link;
		break;
	case A_GUID:
		s = it->guid;
		break;
	case A_FEEDTITLE:
		s = it->feed_title;
		break;
	case A_FEEDURL:
		s = it->feed_url;
		break;
	case A_FEEDLINK:
		s = it->feed_link;
		break;
	case A_FLAGS:
		s = it->flags;
		break;
	default:
		break;
	}
	return s ? s : "";
}

static bool same_text(const struct filter *f, const char *s)
{
	char *key = text_key(s, strlen(s));
	bool same = !strcmp(key, f->key);
	free(key);
	return same;
}

static bool matches(const struct filter *f, const char *s)
{
	if (f->words)
		return text_query_find(f->words, s, strlen(s), NULL, NULL);
	return regexec(f->re, s, 0, NULL, 0) == 0;
}

/* Text # value: the value is a part of the text, both as keys. */
static bool has_text(const struct filter *f, const char *s)
{
	char *key = text_key(s, strlen(s));
	bool has = strstr(key, f->key) != NULL;
	free(key);
	return has;
}

/* Whether the letters of the value are all in s (every: false), or
 * they are the same set (every: true). */
static bool letters(const char *value, const char *s, bool same)
{
	for (const char *c = value; *c; c++)
		if (!strchr(s, *c))
			return false;
	if (same)
		for (const char *c = s; *c; c++)
			if (!strchr(value, *c))
				return false;
	return true;
}

static bool list_has(const struct filter *f, const struct filter_item *it)
{
	for (size_t i = 0; i < it->ntags; i++)
		if (f->op == OP_HAS || f->op == OP_HASNT
		            ? same_text(f, it->tags[i])
		            : matches(f, it->tags[i]))
			return true;
	return false;
}

static long long number_of(const struct filter *f, const struct filter_item *it)
{
	switch (f->attr) {
	case A_AGE:
		return it->time && it->now > it->time
		               ? (it->now - it->time) / 86400
		               : 0;
	case A_UNREAD:
		return it->unread;
	case A_STARRED:
		return it->starred;
	default:
		return 0;
	}
}

static bool compare_numbers(const struct filter *f, long long n)
{
	switch (f->op) {
	case OP_LT:
		return n < f->lo;
	case OP_GT:
		return n > f->lo;
	case OP_LE:
		return n <= f->lo;
	case OP_GE:
		return n >= f->lo;
	case OP_BETWEEN:
		return n >= f->lo && n <= f->hi;
	default:
		return n == f->lo;
	}
}

/* The comparison with its negation taken away (!= as =, !~ as =~, !#
 * as #). */
static bool compare(const struct filter *f, const struct filter_item *it)
{
	const char *s = text_of(f, it);
	switch (f->kind) {
	case K_TEXT:
		if (f->op == OP_EQ || f->op == OP_NE)
			return same_text(f, s);
		return f->op == OP_HAS || f->op == OP_HASNT ? has_text(f, s)
		                                            : matches(f, s);
	case K_LETTERS:
		return letters(f->value, s, f->op == OP_EQ || f->op == OP_NE);
	case K_LIST:
		return list_has(f, it);
	default:
		return compare_numbers(f, number_of(f, it));
	}
}

bool filter_match(const struct filter *f, const struct filter_item *item)
{
	switch (f->node) {
	case N_AND:
		return filter_match(f->left, item) &&
		       filter_match(f->right, item);
	case N_OR:
		return filter_match(f->left, item) ||
		       filter_match(f->right, item);
	default: {
		bool negated = f->op == OP_NE || f->op == OP_NOMATCH ||
		               f->op == OP_HASNT;
		return compare(f, item) != negated;
	}
	}
}

bool filter_uses_content(const struct filter *f)
{
	if (f->node != N_CMP)
		return filter_uses_content(f->left) ||
		       filter_uses_content(f->right);
	return f->attr == A_CONTENT;
}

void filter_ignores_add(struct filter_ignores *list, const char *feeds,
                        struct filter *expr)
{
	list->rules =
	        xreallocarray(list->rules, list->n + 1, sizeof *list->rules);
	list->rules[list->n++] =
	        (struct filter_ignore){.feeds = xstrdup(feeds), .expr = expr};
}

bool filter_ignored(const struct filter_ignores *list, const char *feed_url,
                    const struct filter_item *item)
{
	for (size_t i = 0; list && i < list->n; i++)
		if (fnmatch(list->rules[i].feeds, feed_url, 0) == 0 &&
		    filter_match(list->rules[i].expr, item))
			return true;
	return false;
}

void filter_ignores_free(struct filter_ignores *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->rules[i].feeds);
		filter_free(list->rules[i].expr);
	}
	free(list->rules);
	list->rules = NULL;
	list->n = 0;
}

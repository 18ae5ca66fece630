/* Key names <-> key codes. */
#include "config.h"

#include "ui/keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#define KEY_CTRL(c) ((c)&0x1f)

static const struct {
	const char *name;
	int key;
} named_keys[] = {
        /* The first name of a key is the one ui_key_name() writes. */
        {"Tab", '\t'},
        {"S-Tab", UI_KEY_FN(KEY_BTAB)},
        {"Enter", '\r'},
        {"BS", UI_KEY_FN(KEY_BACKSPACE)},
        {"Backspace", UI_KEY_FN(KEY_BACKSPACE)},
        {"Esc", 27},
        {"Space", ' '},
        {"lt", '<'},
        {"Hash", '#'},
        {"Left", UI_KEY_FN(KEY_LEFT)},
        {"Right", UI_KEY_FN(KEY_RIGHT)},
        {"Up", UI_KEY_FN(KEY_UP)},
        {"Down", UI_KEY_FN(KEY_DOWN)},
        {"PgDn", UI_KEY_FN(KEY_NPAGE)},
        {"PageDown", UI_KEY_FN(KEY_NPAGE)},
        {"PgUp", UI_KEY_FN(KEY_PPAGE)},
        {"PageUp", UI_KEY_FN(KEY_PPAGE)},
        {"Home", UI_KEY_FN(KEY_HOME)},
        {"End", UI_KEY_FN(KEY_END)},
        {"Insert", UI_KEY_FN(KEY_IC)},
        {"Delete", UI_KEY_FN(KEY_DC)},
};

static int parse_bracketed(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof named_keys / sizeof *named_keys; i++)
		if (strlen(named_keys[i].name) == len &&
		    !strncasecmp(named_keys[i].name, name, len))
			return named_keys[i].key;
	/* <C-x>: a control character, any letter */
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		char c = name[2];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			/* terminals send C-j as a newline: Enter */
			return KEY_CTRL(c) == '\n' ? '\r' : KEY_CTRL(c);
		return -1;
	}
	/* <F1>..<F12> */
	if ((len == 2 || len == 3) && (name[0] == 'F' || name[0] == 'f')) {
		int n = 0;
		for (size_t i = 1; i < len; i++) {
			if (name[i] < '0' || name[i] > '9')
				return -1;
			n = n * 10 + (name[i] - '0');
		}
		if (n >= 1 && n <= 12)
			return UI_KEY_FN(KEY_F(n));
	}
	return -1;
}

int ui_key_parse(const char *name)
{
	size_t len = strlen(name);
	if (len >= 3 && name[0] == '<' && name[len - 1] == '>')
		return parse_bracketed(name + 1, len - 2);
	ucs4_t uc;
	int n = u8_mbtoucr(&uc, (const uint8_t *)name, len);
	if (n <= 0 || (size_t)n != len)
		return -1;
	/* Controls and space have bracketed names; a bare one is a typo. */
	if (uc <= ' ' || uc == 0x7f || (uc >= 0x80 && uc < 0xa0))
		return -1;
	return (int)uc;
}

void ui_key_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof named_keys / sizeof *named_keys; i++) {
		if (named_keys[i].key == key) {
			snprintf(buf, size, "<%s>", named_keys[i].name);
			return;
		}
	}
	if (UI_KEY_IS_FN(key)) {
		int code = key & ~0x40000000;
		if (code >= KEY_F(1) && code <= KEY_F(12))
			snprintf(buf, size, "<F%d>", code - KEY_F0);
		else
			snprintf(buf, size, "<%#x>", (unsigned)code);
		return;
	}
	if (key >= 1 && key <= 26) {
		snprintf(buf, size, "<C-%c>", 'a' + key - 1);
		return;
	}
	uint8_t u8[6];
	int n = u8_uctomb(u8, (ucs4_t)key, sizeof u8);
	if (n <= 0 || (size_t)n >= size) {
		snprintf(buf, size, "<%#x>", (unsigned)key);
		return;
	}
	memcpy(buf, u8, (size_t)n);
	buf[n] = '\0';
}

void ui_key_label(int key, char *buf, size_t size)
{
	/* the last name of a key is its longest */
	for (size_t i = sizeof named_keys / sizeof *named_keys; i-- > 0;) {
		if (named_keys[i].key == key) {
			snprintf(buf, size, "%s", named_keys[i].name);
			return;
		}
	}
	ui_key_name(key, buf, size);
	size_t len = strlen(buf);
	if (len > 2 && buf[0] == '<' && buf[len - 1] == '>') {
		memmove(buf, buf + 1, len - 2);
		buf[len - 2] = '\0';
	}
}

int ui_key_from_curses(int ret, unsigned wch)
{
	if (ret == KEY_CODE_YES) {
		if (wch == KEY_ENTER)
			return '\r';
		return UI_KEY_FN((int)wch);
	}
	if (wch == '\n')
		return '\r';
	if (wch == 0x7f)
		return UI_KEY_FN(KEY_BACKSPACE);
	return (int)wch;
}

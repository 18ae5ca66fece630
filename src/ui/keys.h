/* Keys as one int: a character is its code point, a curses function key
 * (KEY_UP, ...) is UI_KEY_FN(code); names as written in a config file. */
#ifndef AKHBAR_UI_KEYS_H
#define AKHBAR_UI_KEYS_H

#include <stddef.h>

#define UI_KEY_FN(code)   (0x40000000 | (code))
#define UI_KEY_IS_FN(key) (((key)&0x40000000) != 0)

/* The key a config file names ("j", "<Tab>", "<C-x>", "<PgDn>"), or -1.
 * A single character names itself; names in brackets ignore case. */
int ui_key_parse(const char *name);

/* Write the key's name as ui_key_parse() reads it into buf (size >= 16). */
void ui_key_name(int key, char *buf, size_t size);

/* Write the key's name as a hint on the status line shows it into buf
 * (size >= 16): spelled out and without brackets ("Enter", "Backspace",
 * "PageDown", "C-d", "q"). */
void ui_key_label(int key, char *buf, size_t size);

/* The key for what wget_wch() returned (ret OK or KEY_CODE_YES), with the
 * different ways terminals send Enter and Backspace made one. */
int ui_key_from_curses(int ret, unsigned wch);

#endif

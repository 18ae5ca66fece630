/* cursesdemo: a small ncursesw program for the screen harness's own tests.
 * It draws Persian presentation forms, a wide CJK character and a combining
 * mark, names every key it reads, follows resizes and mouse wheel reports.
 * Keys: q quits (status 0), x exits with status 3, c aborts, C-l repaints
 * the whole screen; other printable characters are appended to a text line
 * that BS shortens. */
#include "config.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static wchar_t text[64];
static size_t ntext;
static char last[32] = "none";

static void draw(void)
{
	erase();
	attron(A_REVERSE);
	mvprintw(0, 0, "cursesdemo %dx%d", COLS, LINES);
	attroff(A_REVERSE);
	/* "سلام" shaped (initial seen, lam-alef final ligature, isolated
	 * meem), in visual order, ending at the right edge. */
	static const wchar_t salam[] = L"\uFEE1\uFEFC\uFEB3";
	mvaddwstr(1, COLS - 3, salam);
	mvaddwstr(2, 0, L"\u6F22\u5B57 wide");
	mvaddwstr(3, 0, L"cafe\u0301 mark");
	mvprintw(4, 0, "key: %s", last);
	mvaddwstr(5, 0, L"text: ");
	addwstr(text);
	attron(A_BOLD);
	mvaddstr(6, 0, "bold");
	attroff(A_BOLD);
	attron(A_UNDERLINE);
	mvaddstr(6, 5, "under");
	attroff(A_UNDERLINE);
	refresh();
}

static const struct {
	int code;
	const char *name;
} names[] = {
        {KEY_UP, "Up"},       {KEY_DOWN, "Down"},  {KEY_LEFT, "Left"},
        {KEY_RIGHT, "Right"}, {KEY_HOME, "Home"},  {KEY_END, "End"},
        {KEY_PPAGE, "PgUp"},  {KEY_NPAGE, "PgDn"}, {KEY_BTAB, "S-Tab"},
        {KEY_ENTER, "Enter"}, {KEY_DC, "Del"},     {KEY_IC, "Ins"},
};

static void name_code(int code)
{
	if (code == KEY_BACKSPACE) {
		strcpy(last, "BS");
		if (ntext > 0)
			text[--ntext] = L'\0';
		return;
	}
	if (code >= KEY_F(1) && code <= KEY_F(12)) {
		snprintf(last, sizeof last, "F%d", code - KEY_F0);
		return;
	}
	if (code == KEY_MOUSE) {
		MEVENT ev;
		if (getmouse(&ev) == OK && (ev.bstate & BUTTON4_PRESSED))
			snprintf(last, sizeof last, "WheelUp %d,%d", ev.x,
			         ev.y);
		else if (ev.bstate & BUTTON5_PRESSED)
			snprintf(last, sizeof last, "WheelDown %d,%d", ev.x,
			         ev.y);
		else
			strcpy(last, "mouse");
		return;
	}
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].code == code) {
			strcpy(last, names[i].name);
			return;
		}
	snprintf(last, sizeof last, "code %d", code);
}

static void name_char(wint_t c)
{
	switch (c) {
	case '\t':
		strcpy(last, "Tab");
		break;
	case '\r':
	case '\n':
		strcpy(last, "Enter");
		break;
	case 27:
		strcpy(last, "Esc");
		break;
	case 127:
		name_code(KEY_BACKSPACE);
		break;
	case ' ':
		strcpy(last, "Space");
		break;
	default:
		if (c < 0x20) {
			snprintf(last, sizeof last, "C-%c",
			         (char)(c + 'a' - 1));
		} else {
			snprintf(last, sizeof last, "char %lc", (wint_t)c);
			if (ntext + 1 < sizeof text / sizeof *text)
				text[ntext++] = (wchar_t)c;
		}
	}
}

int main(void)
{
	setlocale(LC_ALL, "");
	/* What akhbar sends first: explicit bidi mode, LTR presentation. */
	fputs("\033[8l\033[1 k", stdout);
	fflush(stdout);
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	draw();
	for (;;) {
		wint_t c;
		int r = get_wch(&c);
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES) {
			if (c == KEY_RESIZE)
				snprintf(last, sizeof last, "resized");
			else
				name_code((int)c);
		} else if (c == 'q') {
			break;
		} else if (c == 'x') {
			endwin();
			return 3;
		} else if (c == 'c') {
			abort();
		} else if (c == 12) {
			strcpy(last, "C-l");
			clearok(curscr, TRUE);
		} else {
			name_char(c);
		}
		draw();
	}
	endwin();
	fputs("\033[8h", stdout);
	return 0;
}

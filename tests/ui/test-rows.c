/* The cursor and the window of a list of rows, table-driven: from a
 * start (n rows, a window of h, cursor and top), one action gives a
 * cursor, a top and a reaction. */
#include "config.h"

#include "check.h"

#include "ui/rows.h"

enum kind { MOVE, SCROLL };

static const struct {
	enum kind kind;
	size_t n, h, cursor, top;
	enum ui_action a;
	size_t want_cursor, want_top;
	unsigned want_reaction;
} cases[] = {
        /* the cursor moves and drags the window along */
        {MOVE, 10, 4, 0, 0, UI_ACTION_LINE_DOWN, 1, 0, UI_REACT_DRAW},
        {MOVE, 10, 4, 3, 0, UI_ACTION_LINE_DOWN, 4, 1, UI_REACT_DRAW},
        {MOVE, 10, 4, 9, 6, UI_ACTION_LINE_DOWN, 9, 6, UI_REACT_NONE},
        {MOVE, 10, 4, 4, 4, UI_ACTION_LINE_UP, 3, 3, UI_REACT_DRAW},
        {MOVE, 10, 4, 0, 0, UI_ACTION_LINE_UP, 0, 0, UI_REACT_NONE},
        {MOVE, 10, 4, 2, 0, UI_ACTION_NEXT_STORY, 3, 0, UI_REACT_DRAW},
        {MOVE, 10, 4, 2, 0, UI_ACTION_PREV_STORY, 1, 0, UI_REACT_DRAW},
        /* a page moves the window by a page, the cursor keeps its row */
        {MOVE, 10, 4, 1, 0, UI_ACTION_PAGE_DOWN, 5, 4, UI_REACT_DRAW},
        {MOVE, 10, 4, 5, 4, UI_ACTION_PAGE_UP, 1, 0, UI_REACT_DRAW},
        {MOVE, 10, 4, 8, 6, UI_ACTION_PAGE_DOWN, 9, 6, UI_REACT_DRAW},
        {MOVE, 3, 4, 1, 0, UI_ACTION_PAGE_DOWN, 2, 0, UI_REACT_DRAW},
        {MOVE, 10, 4, 1, 0, UI_ACTION_PAGE_UP, 0, 0, UI_REACT_DRAW},
        /* g and G */
        {MOVE, 10, 4, 5, 3, UI_ACTION_TOP, 0, 0, UI_REACT_DRAW},
        {MOVE, 10, 4, 5, 3, UI_ACTION_BOTTOM, 9, 6, UI_REACT_DRAW},
        {MOVE, 0, 4, 0, 0, UI_ACTION_BOTTOM, 0, 0, UI_REACT_NONE},
        {MOVE, 0, 4, 0, 0, UI_ACTION_LINE_DOWN, 0, 0, UI_REACT_NONE},
        /* what is not a move is left to the view */
        {MOVE, 10, 4, 5, 3, UI_ACTION_OPEN, 5, 3, UI_REACT_NONE},
        /* a pager's window moves, never past the last full window */
        {SCROLL, 10, 4, 0, 0, UI_ACTION_LINE_DOWN, 0, 1, UI_REACT_DRAW},
        {SCROLL, 10, 4, 0, 6, UI_ACTION_LINE_DOWN, 0, 6, UI_REACT_NONE},
        {SCROLL, 10, 4, 0, 1, UI_ACTION_LINE_UP, 0, 0, UI_REACT_DRAW},
        {SCROLL, 10, 4, 0, 0, UI_ACTION_LINE_UP, 0, 0, UI_REACT_NONE},
        {SCROLL, 10, 4, 0, 1, UI_ACTION_PAGE_DOWN, 0, 5, UI_REACT_DRAW},
        {SCROLL, 10, 4, 0, 5, UI_ACTION_PAGE_DOWN, 0, 6, UI_REACT_DRAW},
        {SCROLL, 10, 4, 0, 5, UI_ACTION_PAGE_UP, 0, 1, UI_REACT_DRAW},
        {SCROLL, 10, 4, 0, 3, UI_ACTION_BOTTOM, 0, 6, UI_REACT_DRAW},
        {SCROLL, 10, 4, 0, 3, UI_ACTION_TOP, 0, 0, UI_REACT_DRAW},
        {SCROLL, 3, 4, 0, 0, UI_ACTION_BOTTOM, 0, 0, UI_REACT_NONE},
        {SCROLL, 10, 4, 0, 3, UI_ACTION_STAR, 0, 3, UI_REACT_NONE},
};

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ui_rows r = {cases[i].cursor, cases[i].top};
		unsigned got = cases[i].kind == MOVE
		                       ? ui_rows_move(&r, cases[i].n,
		                                      cases[i].h, cases[i].a)
		                       : ui_rows_scroll(&r, cases[i].n,
		                                        cases[i].h, cases[i].a);
		CHECK(r.cursor == cases[i].want_cursor &&
		              r.top == cases[i].want_top &&
		              got == cases[i].want_reaction,
		      "case %zu: cursor %zu top %zu reaction %u", i, r.cursor,
		      r.top, got);
	}

	/* a list that shrank under the cursor keeps it on its last row */
	struct ui_rows r = {8, 6};
	ui_rows_clamp(&r, 3, 4);
	CHECK(r.cursor == 2 && r.top == 2, "clamp: cursor %zu top %zu",
	      r.cursor, r.top);
	ui_rows_clamp(&r, 0, 4);
	CHECK(r.cursor == 0 && r.top == 0, "clamp empty: cursor %zu top %zu",
	      r.cursor, r.top);
	return check_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

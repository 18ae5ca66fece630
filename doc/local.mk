## doc: the manual page.
dist_man_MANS += doc/akhbar.1
EXTRA_DIST += doc/README-ui.md

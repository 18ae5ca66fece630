## doc: the manual page.
dist_man_MANS += doc/akhbar.1

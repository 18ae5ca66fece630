## tests/l10n: po/fa.po is a complete, well-formed Persian translation.
TESTS += tests/l10n/check-po.sh tests/l10n/check-po-selftest.sh
EXTRA_DIST += tests/l10n/check-po.sh tests/l10n/check-po-selftest.sh

# The catalogues as gettext finds them, for the screen tests of a
# translated interface (AKHBAR_LOCALEDIR=$top_builddir/tests/locale).
l10n_test_catalogues = tests/locale/fa/LC_MESSAGES/akhbar.mo
check_DATA = $(l10n_test_catalogues)
CLEANFILES += $(l10n_test_catalogues)
tests/locale/fa/LC_MESSAGES/akhbar.mo: $(top_srcdir)/po/fa.po
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MSGFMT) -o $@ $(top_srcdir)/po/fa.po

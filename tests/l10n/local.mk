## tests/l10n: every catalogue of po/LINGUAS is a complete, well-formed
## translation in its language's letters and digits.
TESTS += tests/l10n/check-po.sh tests/l10n/check-po-selftest.sh
EXTRA_DIST += tests/l10n/check-po.sh tests/l10n/check-po-selftest.sh

# The catalogues as gettext finds them, for the screen tests of a
# translated interface (AKHBAR_LOCALEDIR=$top_builddir/tests/locale).
l10n_test_catalogues = tests/locale/fa/LC_MESSAGES/akhbar.mo \
	tests/locale/ar/LC_MESSAGES/akhbar.mo \
	tests/locale/he/LC_MESSAGES/akhbar.mo
check_DATA = $(l10n_test_catalogues)
CLEANFILES += $(l10n_test_catalogues)
tests/locale/fa/LC_MESSAGES/akhbar.mo: $(top_srcdir)/po/fa.po
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MSGFMT) -o $@ $(top_srcdir)/po/fa.po
tests/locale/ar/LC_MESSAGES/akhbar.mo: $(top_srcdir)/po/ar.po
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MSGFMT) -o $@ $(top_srcdir)/po/ar.po
tests/locale/he/LC_MESSAGES/akhbar.mo: $(top_srcdir)/po/he.po
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MSGFMT) -o $@ $(top_srcdir)/po/he.po

/* Loading paths: a folder adds its regular files in name order, hidden
 * files and subfolders passed over; every failure is counted. */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "source/load.h"

static char *put(const char *dir, const char *name, const char *text)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
	return path;
}

int main(void)
{
	char dir[] = "/tmp/akhbar-load-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 99;
	}
	char *b = put(dir, "b.txt", "Site B\nSecond by name.\n");
	char *a = put(dir, "a.txt", "Site A\nFirst by name.\n");
	char *hidden = put(dir, ".hidden.txt", "Hidden\nNever read.\n");
	char *empty = put(dir, "c-empty.txt", "\n\n");
	char sub[4096], inner[4096], link[4096], missing[4096];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	mkdir(sub, 0700);
	char *in_sub = put(sub, "inner.txt", "Inner\nNot recursed into.\n");
	snprintf(link, sizeof link, "%s/d-dangling", dir);
	snprintf(inner, sizeof inner, "%s/nowhere", dir);
	if (symlink(inner, link) < 0) {
		perror("symlink");
		return 99;
	}
	snprintf(missing, sizeof missing, "%s/missing.txt", dir);

	struct library *lib = library_new();
	/* The folder (with a trailing slash), then one file again, then a
	 * path that does not exist. */
	char with_slash[4096];
	snprintf(with_slash, sizeof with_slash, "%s/", dir);
	char *paths[] = {with_slash, b, missing};
	size_t failures = source_load_paths(lib, paths, 3);
	/* c-empty.txt (nothing usable), d-dangling, missing.txt. */
	CHECK(failures == 3, "%zu failures, want 3", failures);
	CHECK(lib->narticles == 3, "%zu articles, want 3", lib->narticles);
	if (lib->narticles == 3) {
		CHECK_STR(lib->stories[0].page->site, "Site A", "name order");
		CHECK_STR(lib->stories[1].page->site, "Site B", "name order");
		CHECK_STR(lib->stories[2].page->site, "Site B",
		          "a file named after its folder");
		CHECK_STR(lib->stories[0].page->origin, a,
		          "the path joins without a double slash");
	}
	library_free(lib);

	lib = library_new();
	char *unreadable[] = {link};
	CHECK(source_load_paths(lib, unreadable, 1) == 1 && lib->narticles == 0,
	      "%s", "a dangling link named on the command line");
	library_free(lib);

	char *seeds = source_default_seeds();
	/* This test program is not the akhbar binary of the build tree. */
	CHECK_STR(seeds, PKGDATADIR "/seeds", "the installed sample folder");
	free(seeds);

	unlink(link);
	unlink(in_sub);
	rmdir(sub);
	unlink(a);
	unlink(b);
	unlink(hidden);
	unlink(empty);
	rmdir(dir);
	free(a);
	free(b);
	free(hidden);
	free(empty);
	free(in_sub);
	return check_result("test-load");
}

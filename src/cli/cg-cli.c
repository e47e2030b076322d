/* cg-cli.c: chronogram-cli, the review's work without a window
 *
 * Argument parsing and printing only: every rule lives in the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "cg-analysis.h"
#include "cg-cli.h"
#include "cg-cli-export.h"
#include "cg-date.h"
#include "cg-errors.h"
#include "cg-import.h"
#include "cg-review.h"
#include "cg-store.h"

int
cg_cli_fail (const GError *error)
{
  g_printerr ("chronogram-cli: %s\n", error->message);
  return CG_EXIT_FAILURE;
}

gboolean
cg_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv,
              int               n_positional,
              const char       *usage)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("chronogram-cli: %s\n%s\n", error->message, usage);
      return FALSE;
    }
  /* argv[0] is the command itself; a negative count means at least that many */
  if (n_positional >= 0 ? *argc - 1 != n_positional : *argc - 1 < -n_positional)
    {
      g_printerr ("chronogram-cli: %s\n", usage);
      return FALSE;
    }
  return TRUE;
}

CgStore *
cg_cli_open_case (const char *path)
{
  g_autoptr(GError) error = NULL;
  CgStore *store = cg_store_open (path, &error);

  if (store == NULL)
    cg_cli_fail (error);
  return store;
}

static gboolean
parse_iso_option (const char  *option,
                  const char  *value,
                  guint32     *day)
{
  if (value == NULL)
    return TRUE;
  *day = cg_date_from_iso (value);
  if (*day == 0)
    {
      g_printerr (_("chronogram-cli: %s “%s” is not a real ISO date (YYYY-MM-DD)\n"), option, value);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------- new */

static int
cmd_new (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CASE — create a review case file"));
  g_autoptr(CgReview) review = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL, *subject = NULL, *scope = NULL, *incident = NULL;
  int days = CG_DEFAULT_RETROSPECTIVE_DAYS;
  int silence = CG_DEFAULT_SILENCE_DAYS;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of the review"), N_("TITLE") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("Label of the subject child, e.g. “Child A”"), N_("LABEL") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, N_("Scope period, e.g. 2020-06-01..2022-01-31"), N_("FROM..TO") },
    { "incident", 0, 0, G_OPTION_ARG_STRING, &incident, N_("Date of the critical incident"), N_("DATE") },
    { "retrospective-days", 0, 0, G_OPTION_ARG_INT, &days, N_("Days after which a record is retrospective (default 2)"), N_("N") },
    { "silence-days", 0, 0, G_OPTION_ARG_INT, &silence, N_("Flag an agency with no record for longer than N days (default off)"), N_("N") },
    { NULL }
  };
  const char *usage = _("usage: chronogram-cli new CASE --title TITLE [--subject LABEL] "
                        "[--scope FROM..TO] [--incident DATE] [--retrospective-days N]");

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cg_cli_parse (context, &argc, &argv, 1, usage))
    return CG_EXIT_USAGE;
  if (title == NULL || *title == '\0')
    {
      g_printerr ("chronogram-cli: %s\n", _("a review needs a --title"));
      return CG_EXIT_USAGE;
    }
  if (days < 0 || silence < 0)
    {
      g_printerr ("chronogram-cli: %s\n", _("day counts cannot be negative"));
      return CG_EXIT_USAGE;
    }

  review = cg_review_new (title);
  review->subject = g_strdup (subject);
  review->retrospective_days = days;
  review->silence_days = silence;
  if (scope != NULL && !cg_review_parse_scope (scope, &review->scope_from, &review->scope_to, &error))
    {
      g_printerr ("chronogram-cli: %s\n", error->message);
      return CG_EXIT_USAGE;
    }
  if (!parse_iso_option ("--incident", incident, &review->incident))
    return CG_EXIT_USAGE;

  if (!(store = cg_store_create (argv[1], review, &error)))
    return cg_cli_fail (error);
  return CG_EXIT_OK;
}

/* ---------------------------------------------------------------- import */

static void
print_import_issues (const CgImportResult *result)
{
  for (guint i = 0; i < result->issues->len; i++)
    {
      g_autofree char *line = cg_import_issue_format (g_ptr_array_index (result->issues, i));
      g_printerr ("%s\n", line);
    }
  if (result->n_issues > result->issues->len)
    g_printerr (_("… and %u more problems, all kept in the case file "
                  "(chronogram-cli info lists them)\n"),
                result->n_issues - result->issues->len);
}

/* One file or several: "--agency A a.csv --agency B b.csv" pairs the agencies
 * with the files in order, "--agency A a.csv b.csv" gives them all to A. Each
 * file is its own transaction: a refused file stores nothing and the others
 * are still imported. */
static int
cmd_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CASE FILE… — import agencies’ chronologies"));
  g_autoptr(CgStore) store = NULL;
  g_auto(GStrv) agencies = NULL;
  guint n_agencies, n_files;
  int status = CG_EXIT_OK;
  const GOptionEntry entries[] = {
    { "agency", 0, 0, G_OPTION_ARG_STRING_ARRAY, &agencies,
      N_("The agency whose chronology the next FILE is (give it once per file, or once for all)"),
      N_("NAME") },
    { NULL }
  };
  const char *usage = _("usage: chronogram-cli import CASE --agency NAME FILE [--agency NAME FILE]…");

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cg_cli_parse (context, &argc, &argv, -2, usage))
    return CG_EXIT_USAGE;
  n_agencies = agencies ? g_strv_length (agencies) : 0;
  n_files = argc - 2;
  for (guint i = 0; i < n_agencies; i++)
    if (*g_strstrip (agencies[i]) == '\0')
      n_agencies = 0;
  if (n_agencies == 0)
    {
      g_printerr ("chronogram-cli: %s\n", _("say whose chronology this is with --agency NAME"));
      return CG_EXIT_USAGE;
    }
  if (n_agencies != 1 && n_agencies != n_files)
    {
      g_printerr ("chronogram-cli: %s\n%s\n",
                  _("give one --agency for all the files, or one before each file"), usage);
      return CG_EXIT_USAGE;
    }
  if (!(store = cg_cli_open_case (argv[1])))
    return CG_EXIT_FAILURE;

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(CgImportResult) result = NULL;
      g_autoptr(GError) error = NULL;
      const char *agency = agencies[n_agencies == 1 ? 0 : i];

      if (!cg_import_file (store, argv[2 + i], agency, &result, &error))
        {
          status = cg_cli_fail (error);
          continue;
        }
      print_import_issues (result);
    }
  return status;
}

/* ---------------------------------------------------------------- analyse */

static int
cmd_analyse (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CASE — find clusters, discrepancies and retrospective records"));
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *usage = _("usage: chronogram-cli analyse CASE");

  if (!cg_cli_parse (context, &argc, &argv, 1, usage))
    return CG_EXIT_USAGE;
  if (!(store = cg_cli_open_case (argv[1])))
    return CG_EXIT_FAILURE;
  if (!cg_analysis_run_and_store (store, &error))
    return cg_cli_fail (error);
  return CG_EXIT_OK;
}

/* ------------------------------------------------------------------ info */

static int
cmd_info (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CASE — describe a case file"));
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgReview) review = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL, *to = NULL, *incident = NULL;
  guint rows = 0, errors = 0, warnings = 0;
  const char *usage = _("usage: chronogram-cli info CASE");

  if (!cg_cli_parse (context, &argc, &argv, 1, usage))
    return CG_EXIT_USAGE;
  if (!(store = cg_cli_open_case (argv[1])))
    return CG_EXIT_FAILURE;
  if (!(review = cg_store_dup_review (store, &error)) ||
      !(files = cg_store_load_files (store, &error)) ||
      !(issues = cg_store_load_issues (store, &error)))
    return cg_cli_fail (error);

  from = cg_date_to_iso (review->scope_from);
  to = cg_date_to_iso (review->scope_to);
  incident = cg_date_to_iso (review->incident);
  g_print (_("Review: %s\n"), review->title);
  g_print (_("Subject: %s\n"), review->subject ? review->subject : _("(not set)"));
  g_print (_("Scope: %s to %s\n"), from ? from : _("open"), to ? to : _("open"));
  g_print (_("Critical incident: %s\n"), incident ? incident : _("(not set)"));
  g_print (_("Retrospective after: %d days\n"), review->retrospective_days);
  g_print (_("Files:\n"));
  for (guint i = 0; i < files->len; i++)
    {
      CgSourceFile *file = g_ptr_array_index (files, i);
      const char *delimiter = g_strcmp0 (file->delimiter, "\t") == 0 ? "tab" : file->delimiter;

      g_print ("  %s: %s, %u rows, %s, delimiter %s, header on row %u, sha256 %.12s\n",
               file->agency, file->name, file->row_count, file->encoding, delimiter,
               file->header_row, file->sha256);
      rows += file->row_count;
    }
  for (guint i = 0; i < issues->len; i++)
    {
      CgImportIssue *issue = g_ptr_array_index (issues, i);
      if (issue->severity == CG_SEVERITY_ERROR)
        errors++;
      else
        warnings++;
    }
  g_print (_("Records: %u in %u files\n"), rows, files->len);
  g_print (_("Import issues: %u errors, %u warnings\n"), errors, warnings);
  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *line = cg_import_issue_format (g_ptr_array_index (issues, i));
      CgImportIssue *issue = g_ptr_array_index (issues, i);
      g_print ("  %s %s\n", cg_severity_to_string (issue->severity), line);
    }
  return CG_EXIT_OK;
}

/* ------------------------------------------------------------------ main */

#ifndef CG_CLI_RENDER
/* export and genogram draw with cairo, Pango and Graphviz and write
 * zip files: the libraries for that take most of a start-up. They live in
 * chronogram-cli-render, the same program with those two commands, which
 * chronogram-cli becomes for them; the commands an author runs once per
 * agency file start without them. The helper sits beside this program (the
 * build tree) or in the libexec folder it was installed to. */
static int
run_render (int    argc,
            char **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir != NULL ? g_build_filename (dir, "chronogram-cli-render", NULL) : NULL;
  g_autofree char *installed = g_build_filename (LIBEXECDIR, "chronogram-cli-render", NULL);
  const char *helper = beside != NULL && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE)
                       ? beside : installed;
  g_autofree char **args = g_new0 (char *, argc + 2);

  args[0] = (char *)helper;
  for (int i = 0; i < argc; i++)
    args[i + 1] = argv[i];
  execv (helper, args);
  g_printerr (_("chronogram-cli: %s cannot be run (%s); Chronogram is not fully installed\n"),
              helper, g_strerror (errno));
  return CG_EXIT_FAILURE;
}
#endif

static const struct
{
  const char *name;
  int       (*run) (int, char **);
  const char *summary;
} commands[] = {
  { "new", cmd_new, N_("Create a review case file") },
  { "import", cmd_import, N_("Import one agency’s chronology (CSV)") },
  { "family", cg_cli_family, N_("Load the people, relationships and households") },
  { "analyse", cmd_analyse, N_("Cluster records, flag discrepancies, weigh the recording") },
#ifdef CG_CLI_RENDER
  { "export", cg_cli_export, N_("Write the integrated chronology for the report") },
  { "genogram", cg_cli_genogram, N_("Draw the family genogram") },
#else
  { "export", run_render, N_("Write the integrated chronology for the report") },
  { "genogram", run_render, N_("Draw the family genogram") },
#endif
  { "info", cmd_info, N_("Describe a case file: agencies, files, rows, issues") },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: chronogram-cli COMMAND [OPTION…] CASE …"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “chronogram-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  /* A file-size limit then fails a write with a message instead of killing us. */
  signal (SIGXFSZ, SIG_IGN);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("chronogram-cli");

  if (argc < 2)
    {
      print_help (stderr);
      return CG_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return CG_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("chronogram-cli %s\n", PACKAGE_VERSION);
      return CG_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("chronogram-cli: unknown command “%s”\n"), argv[1]);
  print_help (stderr);
  return CG_EXIT_USAGE;
}

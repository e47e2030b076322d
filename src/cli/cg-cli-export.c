/* cg-cli-export.c: chronogram-cli export
 *
 * Argument parsing and printing only: the export model, the formats and the
 * checks of an anonymised export are core functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-anonymiser.h"
#include "cg-cli.h"
#include "cg-cli-export.h"
#include "cg-date.h"
#include "cg-errors.h"
#include "cg-export-model.h"
#include "cg-glossary.h"
#include "cg-store.h"

static gboolean
parse_day (const char *option,
           const char *value,
           guint32    *day)
{
  if (value == NULL)
    return TRUE;
  *day = cg_date_from_iso (value);
  if (*day == 0)
    {
      g_printerr (_("chronogram-cli: %s “%s” is not a real ISO date "
                    "(YYYY-MM-DD)\n"), option, value);
      return FALSE;
    }
  return TRUE;
}

static void
print_findings (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      CgFinding *finding = g_ptr_array_index (findings, i);

      if (finding->count > 1)
        g_printerr (_("chronogram-cli: warning: %s: %s “%s” (and %u more times)\n"),
                    finding->where, cg_identifier_kind_get_label (finding->kind), finding->text,
                    finding->count - 1);
      else
        g_printerr (_("chronogram-cli: warning: %s: %s “%s”\n"), finding->where,
                    cg_identifier_kind_get_label (finding->kind), finding->text);
    }
}

int
cg_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("CASE — write the integrated chronology for the report’s "
                            "appendix"));
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgExportModel) model = NULL;
  g_autoptr(CgGlossary) glossary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_name = NULL, *output = NULL, *dates_name = NULL;
  g_autofree char *from = NULL, *to = NULL, *columns = NULL, *glossary_path = NULL;
  g_auto(GStrv) agencies = NULL;
  gboolean anonymise = FALSE, anonymize = FALSE, strict = FALSE;
  gboolean flagged_only = FALSE, key_only = FALSE, notes = FALSE;
  CgExportOptions options;
  CgExportFormat format;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("docx, odt, pdf, html, csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("File to write (replaced atomically, readable by you only)"), N_("FILE") },
    { "anonymise", 0, 0, G_OPTION_ARG_NONE, &anonymise,
      N_("For publication: role labels instead of names, placeholders for the glossary’s "
         "places; warns of anything still identifying, and fails if a real name is left"), NULL },
    { "anonymize", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &anonymize, NULL, NULL },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("With --anonymise: fail, writing nothing, if anything still looks identifying"), NULL },
    { "dates", 0, 0, G_OPTION_ARG_STRING, &dates_name,
      N_("exact (default), month, year, or age (of the subject child)"), N_("HOW") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Only records dated on or after this day"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Only records dated on or before this day"), N_("DATE") },
    { "agency", 0, 0, G_OPTION_ARG_STRING_ARRAY, &agencies,
      N_("Only this agency’s records (name or code; repeat for more)"), N_("NAME") },
    { "flagged-only", 0, 0, G_OPTION_ARG_NONE, &flagged_only,
      N_("Only records with a flag that is not dismissed"), NULL },
    { "key-only", 0, 0, G_OPTION_ARG_NONE, &key_only,
      N_("Only the key events the author marked"), NULL },
    { "notes", 0, 0, G_OPTION_ARG_NONE, &notes,
      N_("Add a column with the author’s notes"), NULL },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &columns,
      N_("Columns to show: date,time,agency,source,text,action,recording,flags,notes"),
      N_("LIST") },
    { "glossary", 0, 0, G_OPTION_ARG_FILENAME, &glossary_path,
      N_("More terms to replace (CSV: term,placeholder,kind,variants), "
         "besides the review’s glossary"), N_("FILE") },
    { NULL }
  };
  const char *usage = _("usage: chronogram-cli export CASE --format docx|odt|pdf|html|csv|json "
                        "-o FILE [--anonymise [--strict]] [--dates exact|month|year|age] "
                        "[--from DATE] [--to DATE] [--agency NAME …] [--flagged-only] "
                        "[--key-only] [--notes] [--columns LIST] [--glossary FILE]");

  g_option_context_set_summary (context,
                                _("Writes the integrated chronology as a Word or OpenDocument "
                                  "table (landscape A4, title block, agency key, genogram), PDF, "
                                  "HTML, CSV (UTF-8 with BOM) or the JSON of the command-line "
                                  "contract."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cg_cli_parse (context, &argc, &argv, 1, usage))
    return CG_EXIT_USAGE;
  anonymise |= anonymize;

  cg_export_options_init (&options);
  if (format_name == NULL || output == NULL)
    {
      g_printerr ("chronogram-cli: %s\n", usage);
      return CG_EXIT_USAGE;
    }
  if (!cg_export_format_from_string (format_name, &format))
    {
      g_printerr (_("chronogram-cli: --format must be docx, odt, pdf, html, csv or json, "
                    "not “%s”\n"), format_name);
      return CG_EXIT_USAGE;
    }
  if (dates_name != NULL && !cg_export_dates_from_string (dates_name, &options.dates))
    {
      g_printerr (_("chronogram-cli: --dates must be exact, month, year or age, not “%s”\n"),
                  dates_name);
      return CG_EXIT_USAGE;
    }
  if (!parse_day ("--from", from, &options.from) || !parse_day ("--to", to, &options.to))
    return CG_EXIT_USAGE;
  if (options.from && options.to && options.from > options.to)
    {
      g_printerr (_("chronogram-cli: --from %s is after --to %s\n"), from, to);
      return CG_EXIT_USAGE;
    }
  if (columns != NULL && !cg_export_columns_from_string (columns, &options.columns, &error))
    {
      g_printerr ("chronogram-cli: %s\n", error->message);
      return CG_EXIT_USAGE;
    }
  if (strict && !anonymise)
    {
      g_printerr ("chronogram-cli: %s\n", _("--strict goes with --anonymise"));
      return CG_EXIT_USAGE;
    }
  if (glossary_path != NULL)
    {
      if (!anonymise)
        {
          g_printerr ("chronogram-cli: %s\n", _("--glossary goes with --anonymise"));
          return CG_EXIT_USAGE;
        }
      glossary = cg_glossary_new ();
      if (!cg_glossary_read_csv (glossary, glossary_path, &error))
        return cg_cli_fail (error);
    }
  options.agencies = agencies;
  options.flagged_only = flagged_only;
  options.key_only = key_only;
  options.notes = notes;
  options.anonymise = anonymise;
  options.glossary = glossary;

  if (!(store = cg_cli_open_case (argv[1])))
    return CG_EXIT_FAILURE;
  if (!(model = cg_export_model_new (store, &options, &error)))
    return cg_cli_fail (error);

  if (anonymise)
    {
      g_autoptr(GPtrArray) findings = cg_export_model_scan (model, format);

      print_findings (findings);
      if (strict && findings->len > 0)
        {
          g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                   "chronogram-cli: nothing was written: %u thing still looks "
                                   "identifying (above); resolve it, or export without --strict\n",
                                   "chronogram-cli: nothing was written: %u things still look "
                                   "identifying (above); resolve them, or export without "
                                   "--strict\n",
                                   findings->len), findings->len);
          return CG_EXIT_FAILURE;
        }
    }

  if (!cg_export_model_write (model, format, output, &error))
    return cg_cli_fail (error);
  /* The audit log says what left the case file; a read-only case file
   * cannot say it, which does not undo the export. */
  if (!cg_store_is_read_only (store) && !cg_export_model_log (model, store, format, output, &error))
    {
      g_printerr (_("chronogram-cli: warning: the export was not recorded in the audit log: %s\n"),
                  error->message);
      g_clear_error (&error);
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u record to %s\n",
                        "Exported %u records to %s\n", model->rows->len),
           model->rows->len, output);
  return CG_EXIT_OK;
}

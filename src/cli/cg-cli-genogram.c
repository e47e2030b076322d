/* cg-cli-genogram.c: chronogram-cli genogram
 *
 * Argument parsing and printing only: drawing the genogram is a core
 * function. Built into chronogram-cli-render with the export (see cg-cli.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cg-cli.h"
#include "cg-date.h"
#include "cg-errors.h"
#include "cg-family.h"
#include "cg-genogram.h"
#include "cg-review.h"
#include "cg-store.h"

/* -------------------------------------------------------------- genogram */

static const char *
format_of_path (const char *path)
{
  static const char * const formats[] = { "svg", "pdf", "png" };
  const char *dot = strrchr (path, '.');

  for (guint i = 0; dot && i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i]) == 0)
      return formats[i];
  return NULL;
}

int
cg_cli_genogram (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CASE — draw the family genogram"));
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgFamily) family = NULL;
  g_autoptr(CgReview) review = NULL;
  g_autoptr(CgGenogram) genogram = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL, *output = NULL, *as_at_text = NULL;
  gboolean anonymise = FALSE;
  CgGenogramOptions options = { 0 };
  guint32 as_at = 0;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("svg, pdf or png"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), N_("FILE") },
    { "as-at", 0, 0, G_OPTION_ARG_STRING, &as_at_text,
      N_("Draw the family as it was on this date (default: the critical incident, or today)"),
      N_("DATE") },
    { "anonymise", 0, 0, G_OPTION_ARG_NONE, &anonymise,
      N_("Role labels only: no names, aliases, birth years or ids"), NULL },
    { NULL }
  };
  const char *usage = _("usage: chronogram-cli genogram CASE --format svg|pdf|png -o FILE "
                        "[--as-at DATE] [--anonymise]");

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cg_cli_parse (context, &argc, &argv, 1, usage))
    return CG_EXIT_USAGE;
  if (output == NULL)
    {
      g_printerr ("chronogram-cli: %s\n", usage);
      return CG_EXIT_USAGE;
    }
  if (format == NULL && !(format = g_strdup (format_of_path (output))))
    {
      g_printerr ("chronogram-cli: %s\n", usage);
      return CG_EXIT_USAGE;
    }
  if (!g_str_equal (format, "svg") && !g_str_equal (format, "pdf") && !g_str_equal (format, "png"))
    {
      g_printerr (_("chronogram-cli: --format must be svg, pdf or png, not “%s”\n"), format);
      return CG_EXIT_USAGE;
    }
  if (as_at_text != NULL && (as_at = cg_date_from_iso (as_at_text)) == 0)
    {
      g_printerr (_("chronogram-cli: --as-at “%s” is not a real ISO date (YYYY-MM-DD)\n"),
                  as_at_text);
      return CG_EXIT_USAGE;
    }

  if (!(store = cg_cli_open_case (argv[1])))
    return CG_EXIT_FAILURE;
  if (!(review = cg_store_dup_review (store, &error)) ||
      !(family = cg_store_load_family (store, &error)))
    return cg_cli_fail (error);
  if (as_at == 0)
    as_at = cg_genogram_default_date (review);

  options.anonymise = anonymise;
  if (!(genogram = cg_genogram_layout (family, as_at, &options, &error)) ||
      !cg_genogram_write (genogram, format, output, &error))
    return cg_cli_fail (error);
  return CG_EXIT_OK;
}

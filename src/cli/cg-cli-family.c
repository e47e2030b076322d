/* cg-cli-family.c: chronogram-cli family
 *
 * Argument parsing and printing only: reading the family files and storing
 * them are core functions.
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
#include "cg-review.h"
#include "cg-store.h"

/* ---------------------------------------------------------------- family */

int
cg_cli_family (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("CASE — load the people, relationships and households"));
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgFamily) family = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *people = NULL, *relationships = NULL, *households = NULL;
  const GOptionEntry entries[] = {
    { "people", 0, 0, G_OPTION_ARG_FILENAME, &people,
      N_("people.csv: id,name,aliases,label,sex,born,died,subject"), N_("FILE") },
    { "relationships", 0, 0, G_OPTION_ARG_FILENAME, &relationships,
      N_("relationships.csv: a,b,kind,from,to,note"), N_("FILE") },
    { "households", 0, 0, G_OPTION_ARG_FILENAME, &households,
      N_("households.csv: household,person,from,to"), N_("FILE") },
    { NULL }
  };
  const char *usage = _("usage: chronogram-cli family CASE --people people.csv "
                        "[--relationships relationships.csv] [--households households.csv]");

  g_option_context_set_summary (context,
                                _("Replaces the family of the review with the people, "
                                  "relationships and households in the files, all at once: "
                                  "if any row is wrong, nothing is changed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cg_cli_parse (context, &argc, &argv, 1, usage))
    return CG_EXIT_USAGE;
  if (people == NULL)
    {
      g_printerr ("chronogram-cli: %s\n", usage);
      return CG_EXIT_USAGE;
    }

  if (!(family = cg_family_read_csv (people, relationships, households, &error)))
    return cg_cli_fail (error);
  if (!(store = cg_cli_open_case (argv[1])))
    return CG_EXIT_FAILURE;
  if (!cg_store_replace_family (store, family, &error))
    return cg_cli_fail (error);

  g_print (_("Family: %u people, %u relationships, %u households\n"), family->people->len,
           family->relationships->len, cg_family_count_households (family));
  return CG_EXIT_OK;
}

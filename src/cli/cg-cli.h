/* cg-cli.h: the commands of chronogram-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cg-store.h"

G_BEGIN_DECLS

/* Exit statuses of the command-line contract. */
#define CG_EXIT_OK      0
#define CG_EXIT_FAILURE 1
#define CG_EXIT_USAGE   2

int      cg_cli_family      (int           argc,
                             char        **argv);
int      cg_cli_genogram    (int           argc,
                             char        **argv);

/* Shared helpers: parse options (printing usage errors), open a case file,
 * report an error as one line on stderr. */
gboolean cg_cli_parse       (GOptionContext *context,
                             int            *argc,
                             char         ***argv,
                             int             n_positional,
                             const char     *usage);
CgStore *cg_cli_open_case   (const char     *path);
int      cg_cli_fail        (const GError   *error);

G_END_DECLS

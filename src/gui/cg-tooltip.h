/* cg-tooltip.h: tooltips for widgets made by the hundred
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void _cg_widget_set_tooltip (GtkWidget  *widget,
                             const char *text);

G_END_DECLS

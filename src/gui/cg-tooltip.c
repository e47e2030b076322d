/* cg-tooltip.c: tooltips for widgets made by the hundred
 *
 * gtk_widget_set_tooltip_text() asks the display where the pointer is each
 * time it is called, in case the new tooltip is already under it: one round
 * trip to the display server per call. List cells rebound on every scroll,
 * and rows built by the hundred for a large review, would wait for
 * hundreds of them. Here the text is only kept with the widget, and handed
 * to GTK when the pointer comes to rest on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cg-tooltip.h"

#define TOOLTIP_KEY "cg-tooltip"

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Like gtk_widget_set_tooltip_text(), without the round trip: NULL removes
 * the tooltip. */
void
_cg_widget_set_tooltip (GtkWidget  *widget,
                        const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_object_get_data (G_OBJECT (widget), "cg-tooltip-connected") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
      g_object_set_data (G_OBJECT (widget), "cg-tooltip-connected", GINT_TO_POINTER (1));
      gtk_widget_set_has_tooltip (widget, TRUE);
    }
  g_object_set_data_full (G_OBJECT (widget), TOOLTIP_KEY, g_strdup (text), g_free);
}

// makeListView: the table the console's list pages share (send queue, log,
// DKIM keys) — sortable and first sorted by `sortColumn`, whole rows
// selected, read-only, one line per row with alternating colours, no row
// numbers, left-aligned headers and the last column taking the spare width.
// The page then sets its selection mode and column widths.
#pragma once

#include <Qt>

class QAbstractItemModel;
class QString;
class QTableView;
class QWidget;

namespace fumibako
{

QTableView *makeListView(QWidget *parent, const QString &objectName, QAbstractItemModel *model,
                         int sortColumn, Qt::SortOrder order);

} // namespace fumibako

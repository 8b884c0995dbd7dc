// PageRegistry: the console's pages in navigation order, one entry each — an
// id (also the page's --screenshot name), its title and tooltip in the
// current language (functions, so a language switch retranslates), an icon
// and a factory. MainWindow builds its navigation and page stack from it and
// the screenshot runner finds pages by id: a new page is one entry in
// pageregistry.cpp plus the page's own files.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStyle>

class QWidget;

namespace fumibako
{

class ConsoleServices;
class ServerController;

// What a page's factory may hand to its page's constructor.
struct PageContext {
    const ConsoleServices &services;
    ServerController *server;
};

struct PageDescriptor {
    QString id;                  // "dashboard", "accounts", ...: stable, never translated
    QString (*title)();          // the navigation's text, translated when called
    QString (*toolTip)();        // the navigation's tooltip; null: none
    QStyle::StandardPixmap icon; // from the platform's style
    QWidget *(*create)(const PageContext &context, QWidget *parent);
};

class PageRegistry
{
    Q_DECLARE_TR_FUNCTIONS(PageRegistry)
public:
    static const QList<PageDescriptor> &pages();
    static qsizetype indexOf(const QString &id); // -1: no such page
};

} // namespace fumibako

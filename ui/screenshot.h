// ScreenshotRunner: the console's hidden `--screenshot PAGE FILE` option — a
// picture of a first-run wizard step, of a page of the main window, or of a
// dialog over its page, saved to FILE; used to review the layout and the
// translations under Xvfb. Every PageRegistry page is a PAGE by its id; the
// wizard steps and the dialogs are listed in screenshot.cpp.
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace fumibako
{

class MainWindow;
class SetupWizard;

class ScreenshotRunner
{
public:
    ScreenshotRunner(QString page, QString file);

    static QStringList names(); // every PAGE, wizard steps first, each dialog after its page
    bool isKnown() const { return names().contains(m_page); }
    bool isWizardStep() const; // pictured on an empty data folder, before the main window

    // Fills the wizard with a sample, moves to the step, saves a picture and
    // closes the wizard again; returns once it is closed.
    void runWizard(SetupWizard &wizard) const;
    // Shows the page and, once its list has loaded, opens the dialog over it;
    // saves the dialog, or the window after the server's first status round,
    // then calls `done`.
    void run(MainWindow &window, std::function<void()> done) const;

private:
    QString m_page;
    QString m_file;
};

} // namespace fumibako

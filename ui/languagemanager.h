// LanguageManager: the console's language — Japanese when the system locale
// is Japanese, English otherwise, or what the person chose in View → Language
// (remembered with QSettings; a UI preference, not a server setting). It
// installs the console's translator and Qt's own (dialog buttons, file
// dialogs) on the application; widgets then get QEvent::LanguageChange and
// retranslate themselves.
#pragma once

#include <QFont>
#include <QObject>
#include <QString>
#include <QStringList>

class QTranslator;

namespace fumibako
{

class LanguageManager : public QObject
{
    Q_OBJECT
public:
    // settingsFile empty: the user's QSettings for the console.
    explicit LanguageManager(QString settingsFile = QString(), QObject *parent = nullptr);
    ~LanguageManager() override;

    static QStringList available();                 // "ja", "en"
    static QString nativeName(const QString &code); // 日本語, English
    static QString systemDefault();

    QString current() const { return m_current; }
    // The remembered choice, or the system default; applied at start-up.
    QString preferred() const;

    // Installs the translators for `code`; remember: store the choice.
    void apply(const QString &code, bool remember = false);

Q_SIGNALS:
    void languageChanged(const QString &code);

private:
    void applyFont(const QString &code);

    QString m_settingsFile;
    QString m_current;
    QTranslator *m_appTranslator = nullptr;
    QTranslator *m_qtTranslator = nullptr;
    QFont m_defaultFont;
};

} // namespace fumibako

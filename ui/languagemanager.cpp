#include "languagemanager.h"

#include <QApplication>
#include <QFontDatabase>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace fumibako
{

static const char kLanguageKey[] = "ui/language";

LanguageManager::LanguageManager(QString settingsFile, QObject *parent)
    : QObject(parent), m_settingsFile(std::move(settingsFile)), m_defaultFont(QApplication::font())
{
}

LanguageManager::~LanguageManager()
{
    if (m_appTranslator)
        QCoreApplication::removeTranslator(m_appTranslator);
    if (m_qtTranslator)
        QCoreApplication::removeTranslator(m_qtTranslator);
    delete m_appTranslator;
    delete m_qtTranslator;
}

QStringList LanguageManager::available()
{
    return {QStringLiteral("ja"), QStringLiteral("en")};
}

QString LanguageManager::nativeName(const QString &code)
{
    // Each language is named in itself, so anyone can find their own.
    if (code == QLatin1String("ja"))
        return QString::fromUtf8("日本語");
    return QStringLiteral("English");
}

QString LanguageManager::systemDefault()
{
    return QLocale::system().language() == QLocale::Japanese ? QStringLiteral("ja")
                                                             : QStringLiteral("en");
}

static std::unique_ptr<QSettings> openSettings(const QString &file)
{
    if (!file.isEmpty())
        return std::make_unique<QSettings>(file, QSettings::IniFormat);
    return std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                       QStringLiteral("fumibako"), QStringLiteral("console"));
}

QString LanguageManager::preferred() const
{
    const QString saved =
        openSettings(m_settingsFile)->value(QLatin1String(kLanguageKey)).toString();
    return available().contains(saved) ? saved : systemDefault();
}

void LanguageManager::apply(const QString &requested, bool remember)
{
    const QString code = available().contains(requested) ? requested : QStringLiteral("en");
    if (remember)
        openSettings(m_settingsFile)->setValue(QLatin1String(kLanguageKey), code);
    if (code == m_current)
        return;

    if (m_appTranslator) {
        QCoreApplication::removeTranslator(m_appTranslator);
        delete m_appTranslator;
        m_appTranslator = nullptr;
    }
    if (m_qtTranslator) {
        QCoreApplication::removeTranslator(m_qtTranslator);
        delete m_qtTranslator;
        m_qtTranslator = nullptr;
    }
    const QLocale locale(code == QLatin1String("ja") ? QLocale::Japanese : QLocale::English,
                         code == QLatin1String("ja") ? QLocale::Japan : QLocale::UnitedStates);
    QLocale::setDefault(locale);
    applyFont(code);

    // The source strings are English; en carries only plural forms.
    auto *app = new QTranslator;
    if (app->load(QStringLiteral(":/i18n/fumibako_%1.qm").arg(code))) {
        QCoreApplication::installTranslator(app);
        m_appTranslator = app;
    } else {
        delete app;
    }
    if (code != QLatin1String("en")) {
        auto *qt = new QTranslator;
        if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt);
            m_qtTranslator = qt;
        } else {
            delete qt;
        }
    }
    m_current = code;
    Q_EMIT languageChanged(code);
}

void LanguageManager::applyFont(const QString &code)
{
    // Han characters need a Japanese font, or a Chinese one may be picked and
    // the kanji come out in Chinese glyph shapes.
    static const QStringList japanese = {
        QStringLiteral("Noto Sans CJK JP"), QStringLiteral("Yu Gothic UI"),
        QStringLiteral("Meiryo UI"),        QStringLiteral("Hiragino Sans"),
        QStringLiteral("IPAexGothic"),      QStringLiteral("IPAGothic")};
    const QStringList installed = QFontDatabase::families();
    QString jaFamily;
    for (const QString &f : japanese)
        if (installed.contains(f)) {
            jaFamily = f;
            break;
        }
    if (jaFamily.isEmpty())
        return;
    QFont font = m_defaultFont;
    const QString base = m_defaultFont.family();
    font.setFamilies(code == QLatin1String("ja") ? QStringList{jaFamily, base}
                                                 : QStringList{base, jaFamily});
    QApplication::setFont(font);
}

} // namespace fumibako

// The translation files: fumibako_ja.ts must be complete (no unfinished or
// empty entries, every numerus form filled), keep every placeholder (%1,
// %n) of its source and a mnemonic where the source has one; and the
// compiled Japanese catalogue embedded in the console must load and
// translate. fumibako_en.ts is held to the same rules.
#include "testregistry.h"

#include "languagemanager.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace fumibako;

namespace
{

struct Message {
    QString context;
    QString source;
    QString type;      // translation type attribute: unfinished, vanished, obsolete, or empty
    QStringList forms; // the translation, or its numerus forms
    bool numerus = false;
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1").arg(path);
        return {};
    }
    QXmlStreamReader xml(&file);
    QList<Message> out;
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                current = Message();
                current.context = context;
                current.numerus =
                    xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (name == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!current.numerus)
                    current.forms << xml.readElementText();
            } else if (name == QLatin1String("numerusform")) {
                current.forms << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out << current;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(n|L?\\d+)"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(0);
    out.sort();
    out.removeDuplicates();
    return out;
}

bool hasMnemonic(const QString &text)
{
    QString t = text;
    t.remove(QLatin1String("&&"));
    static const QRegularExpression re(QStringLiteral("&[^\\s&;]"));
    // "&amp;" never reaches here: the reader decodes entities; HTML-ish "&lt;" is not used in our
    // sources.
    return re.match(t).hasMatch();
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void complete_data();
    void complete();
    void japaneseCatalogueLoads();
};

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("ja") << QStringLiteral(FUMIBAKO_TS_JA);
    QTest::newRow("en") << QStringLiteral(FUMIBAKO_TS_EN);
}

void TestTranslations::complete()
{
    QFETCH(QString, path);
    QString error;
    const QList<Message> messages = readTs(path, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 100); // the console has a few hundred strings
    QStringList problems;
    for (const Message &m : messages) {
        const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
        if (!m.type.isEmpty()) {
            problems << where + QStringLiteral(" is ") + m.type;
            continue;
        }
        if (m.forms.isEmpty()) {
            problems << where + QStringLiteral(" has no translation");
            continue;
        }
        for (const QString &form : m.forms) {
            if (form.trimmed().isEmpty()) {
                problems << where + QStringLiteral(" has an empty translation");
                continue;
            }
            QStringList expected = placeholders(m.source);
            // A numerus form may leave %n out ("one account" / "%n accounts").
            QStringList got = placeholders(form);
            if (m.numerus && m.forms.size() > 1) {
                expected.removeAll(QStringLiteral("%n"));
                got.removeAll(QStringLiteral("%n"));
            }
            if (expected != got)
                problems << where + QStringLiteral(" placeholders %1 became %2 in \"%3\"")
                                        .arg(expected.join(QLatin1Char(' ')),
                                             got.join(QLatin1Char(' ')), form);
            if (hasMnemonic(m.source) && !hasMnemonic(form))
                problems << where +
                                QStringLiteral(" lost its keyboard mnemonic in \"%1\"").arg(form);
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestTranslations::japaneseCatalogueLoads()
{
    QTemporaryDir tmp;
    LanguageManager language(tmp.filePath(QStringLiteral("console.ini")));
    language.apply(QStringLiteral("en"));
    const QString english = QCoreApplication::translate("PageRegistry", "Accounts");
    language.apply(QStringLiteral("ja"));
    QCOMPARE(language.current(), QStringLiteral("ja"));
    const QString japanese = QCoreApplication::translate("PageRegistry", "Accounts");
    QVERIFY(japanese != english);
    // Japanese text uses no ASCII letters for this word.
    QVERIFY(!japanese.contains(QRegularExpression(QStringLiteral("[A-Za-z]"))));
    language.apply(QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("PageRegistry", "Accounts"), english);
}

FUMIBAKO_UI_TEST(TestTranslations);
#include "tst_translations.moc"

// The word lists and templates of JapaneseMailGenerator (see japanesemail.h).
// The noun and phrase lists are in rough order of how often business mail
// uses them: the Zipf draw makes the first ones appear in most messages and
// the last in a few percent. The rare words (rare kanji, katakana loanwords)
// are not in the Zipf lists: one in about 20 messages carries one of them.
#include "japanesemail.h"

#include "mime/mimetext.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>

namespace fumibako::bench
{

namespace
{

// Business nouns, most frequent first.
const char kNouns[] =
    "会議 資料 確認 件 打ち合わせ 見積 請求書 納品 予定 日程 担当 連絡 送付 対応 検討 提案 "
    "発注 契約 案件 報告 見積書 議事録 進捗 スケジュール 変更 修正 追加 納期 価格 費用 予算 "
    "支払 入金 注文 出荷 在庫 手配 準備 調整 訪問 面談 説明 相談 依頼 回答 返信 質問 "
    "お問い合わせ 申請 承認 決裁 稟議 経費 精算 出張 交通費 領収書 請求 納品書 検収 契約書 "
    "覚書 秘密保持契約 取引 取引先 顧客 営業 売上 利益 実績 計画 目標 課題 問題 原因 対策 改善 "
    "品質 不具合 障害 復旧 保守 点検 工事 設置 導入 運用 システム サーバー ネットワーク データ "
    "ファイル フォルダ パスワード アカウント 設定 更新 移行 開発 設計 仕様 仕様書 試験 テスト "
    "評価 分析 調査 研修 説明会 展示会 セミナー 懇親会 忘年会 新年会 歓迎会 送別会 年末年始 "
    "休暇 有給休暇 休業 営業時間 人事 採用 面接 異動 着任 退職 組織変更 体制 方針 規程 手順 "
    "手続き 書類 押印 署名 原本 写し 控え 郵送 宅配便 速達 発送 到着 受領 返却 交換 返品 保証 "
    "補償 見直し 値上げ 値下げ 割引 単価 数量 合計 税込 税抜 消費税 振込 口座 期日 締め日 月末 "
    "月初 期限 延期 中止 再開 開始 終了 完了 着手 中間報告 最終報告 月次報告 週次報告 定例会議 "
    "全体会議 役員会 取締役会 株主総会 決算 予算案 中期計画 事業計画 販売計画 生産計画 物流 "
    "倉庫 配送 梱包 検品 製造 生産 部品 原材料 仕入 購買 調達 外注 委託 協力会社 販売店 代理店 "
    "本社 支社 支店 営業所 工場 事務所 会議室 応接室 受付 総務 経理 法務 広報 企画 企画書 "
    "提案書 報告書 申込書 注文書 発注書 請書 仕様変更 議題 議案 資料作成 事前確認 最終確認 "
    "ご意見 ご要望 ご指摘 ご不明点 ご都合 ご査収 ご協力 ご理解 ご案内 お見積 お手数 "
    "見積依頼 発注内容 請求金額 支払条件 納入場所 検査成績書 品質記録 作業報告 作業手順書 "
    "安全衛生 防災訓練 健康診断 ストレスチェック 情報セキュリティ 個人情報 コンプライアンス "
    "内部監査 監査法人 税理士 社労士 弁護士 登記 印鑑証明 住民票 源泉徴収票 年末調整 "
    "賞与 給与明細 勤怠 残業 テレワーク 在宅勤務 時差出勤 フレックス 福利厚生 社員旅行 "
    "名刺 封筒 用紙 トナー 複合機 プロジェクター ノートパソコン モニター 会議用マイク 社用車 "
    "駐車場 入館証 鍵 備品 消耗品 文房具 カタログ パンフレット チラシ ポスター 販促物 "
    "ホームページ 更新作業 プレスリリース 取材 記事 広告 キャンペーン アンケート 集計 "
    "ロット 型番 図面 サンプル 試作 量産 金型 治具 加工 塗装 溶接 組立 出荷検査 受入検査 "
    "クレーム 是正処置 再発防止 ヒアリング 現地調査 立会い 引渡し 竣工 着工 足場 資材";

// Verb phrases that end a sentence, most frequent first.
const char kVerbs[] =
    "ご確認ください|ご確認をお願いいたします|送付いたします|お送りいたします|ご検討ください|"
    "ご検討のほどよろしくお願いいたします|対応いたします|ご対応をお願いします|ご連絡ください|"
    "ご連絡いたします|承知いたしました|了解しました|手配いたします|準備を進めております|"
    "調整中です|検討しております|確認しております|ご報告いたします|ご相談させてください|"
    "ご教示ください|ご査収ください|ご了承ください|お知らせいたします|共有いたします|"
    "添付いたします|修正いたしました|更新しました|完了しました|進めてまいります|"
    "再度お送りします|差し替えをお願いします|ご返信をお待ちしております|"
    "ご対応いただけますでしょうか|お手配いただけますと幸いです|問題ございません|"
    "変更となりました|延期となりました|決定いたしました|確定しました|見送りとなりました|"
    "ご協力をお願いいたします|ご承認をお願いいたします|お待ちしております|"
    "再確認をお願いできますでしょうか|取り急ぎご連絡まで|至急ご確認ください";

const char kRareWords[] =
    "鰻重 蕎麦 檜材 鯖缶 蓼酢 麒麟 鼈甲 鱈子 蛸壺 鰹節 葡萄 檸檬 薔薇 躑躅 鬱金 瓢箪 蝋燭 "
    "硯箱 屏風 襖紙 煉瓦 錫器 琥珀 翡翠 珊瑚 瑪瑙 螺鈿 牡蠣 "
    "カラビナ ピスタチオ アボカド ガスケット スロットル フランジ トランスポンダ マトリョーシカ "
    "ドップラー ラザニア ハーバリウム ジオラマ プラネタリウム ミニチュア キャタピラ "
    "ダイヤフラム ベローズ オルゴール タペストリー ステンドグラス "
    "琥珀色 翡翠色 珊瑚礁 瓢箪型 屏風絵 煉瓦造り 檜風呂 蕎麦打ち 鼈甲飴 鰹出汁 躑躅園 "
    "鬱金香 薔薇園 葡萄酒 檸檬水 鰻屋 螺旋階段 牡蠣小屋 麒麟像 硯職人 襖張替 錫製品 "
    "鱈漁 蛸焼器 鯖寿司 蓼科高原 蝋型鋳造 瑪瑙細工";

const char kRareChars[] = "鰻 蕎 檜 鯖 蓼 麒 鼈 鱈 蛸 鰹 葡 檸 薔 躑 鬱 瓢 蝋 硯 屏 襖 煉 錫 琥 翡 "
                          "珊 瑪 螺 牡";

// Never generated: none of these characters is in any list above.
const char kAbsentChars[] = "鰐 鯨 鶴 亀 狸 狐 熊 鷹 梟 鴨 鰈 鮪 鰯 鮫 蛙 蟹 蝶 蜂 蟻 蛍 鴎 雉";
const char kAbsentWords[] = "鰐皮 鯨肉 鶴亀 狸穴 狐火 熊笹 鷹匠 梟像 鴨鍋 鰈漁 鮪丼 鰯雲 鮫肌 蛙跳 "
                            "蟹缶 蝶番 蜂蜜 蟻塚 蛍光 鴎外 "
                            "鰐皮革 鯨油精製 鶴亀算 狸囃子 狐火祭 熊笹茶 鷹匠体験 梟時計 鴨南蛮 "
                            "鰈煮付 鮪解体 鰯缶詰 鮫皮卸 "
                            "蛙跳競技 蟹味噌 蝶番交換 蜂蜜漬 蟻塚調査 蛍光灯交換 鴎外全集";

// Characters of the most frequent nouns and of the boilerplate every
// message has (株式会社, よろしくお願いいたします, 様).
const char kCommonChars[] =
    "会 議 資 料 確 認 件 見 積 請 求 書 納 品 予 定 様 社 株 送 日 連 絡 担";

const char kCommonQueryWords[] =
    "会議 資料 確認 見積 請求 納品 予定 日程 担当 連絡 送付 対応 検討 提案 発注 契約 案件 "
    "報告 株式 会社 打ち合わせ 請求書 見積書 議事録 株式会社 スケジュール 納品書 契約書 "
    "仕様書 報告書 企画書 提案書 定例会議 取引先 営業部 会議室 お世話になっております "
    "よろしくお願いいたします ご確認ください 交通費 領収書";

// Latin words and product codes, some in full width as people type them.
const char kLatin[] =
    "Excel PDF Word PowerPoint Teams Zoom Salesforce kintone Slack Box VPN Wi-Fi USB CSV API KPI "
    "ROI SLA PoC Windows iPhone Android Outlook SharePoint ＰＤＦ Ｅｘｃｅｌ ＵＳＢ ISO9001 "
    "FX-3200 KT-550A MX-200 GR-12 TX-9000 SV-300 LP-1010 PX-M680F NE-77 AZ-15 DS-40 QC-5";

const char kSurnames[] =
    "佐藤:sato 鈴木:suzuki 高橋:takahashi 田中:tanaka 伊藤:ito 渡辺:watanabe 山本:yamamoto "
    "中村:nakamura 小林:kobayashi 加藤:kato 吉田:yoshida 山田:yamada 佐々木:sasaki 山口:yamaguchi "
    "松本:matsumoto 井上:inoue 木村:kimura 林:hayashi 斎藤:saito 清水:shimizu 山崎:yamazaki "
    "森:mori 池田:ikeda 橋本:hashimoto 阿部:abe 石川:ishikawa 山下:yamashita 中島:nakajima "
    "石井:ishii 小川:ogawa 前田:maeda 岡田:okada 長谷川:hasegawa 藤田:fujita 後藤:goto "
    "近藤:kondo 村上:murakami 遠藤:endo 青木:aoki 坂本:sakamoto 斉藤:saito 福田:fukuda "
    "太田:ota 西村:nishimura 藤井:fujii 金子:kaneko 岡本:okamoto 藤原:fujiwara 中野:nakano "
    "三浦:miura 原田:harada 松田:matsuda 竹内:takeuchi 小野:ono 田村:tamura 中山:nakayama "
    "和田:wada 石田:ishida 森田:morita 上田:ueda 原:hara 内田:uchida 柴田:shibata 酒井:sakai "
    "工藤:kudo 横山:yokoyama 宮崎:miyazaki 宮本:miyamoto 高木:takagi 安藤:ando 大野:ono";

const char kGivenNames[] =
    "太郎:taro 一郎:ichiro 健太:kenta 翔太:shota 大輔:daisuke 直樹:naoki 誠:makoto 浩:hiroshi "
    "隆:takashi 剛:tsuyoshi 和也:kazuya 拓也:takuya 達也:tatsuya 健一:kenichi 修:osamu "
    "花子:hanako 美咲:misaki 陽子:yoko 裕子:yuko 恵:megumi 由美:yumi さくら:sakura 愛:ai "
    "真由美:mayumi 智子:tomoko 久美子:kumiko 直美:naomi 明美:akemi 幸子:sachiko 彩:aya "
    "奈々:nana 舞:mai 香織:kaori 麻衣:mai 亮:ryo 学:manabu 稔:minoru 勝:masaru 茂:shigeru";

const char kCompanies[] =
    "山田商事:yamada-shoji 東洋物産:toyo-bussan 日本精機:nihon-seiki 北斗システム:hokuto-sys "
    "三和工業:sanwa-kogyo 大和建設:yamato-kensetsu 富士テック:fuji-tech 光和電機:kowa-denki "
    "中央印刷:chuo-insatsu 丸一運輸:maruichi-unyu 旭化学:asahi-kagaku 朝日食品:asahi-foods "
    "東邦ソリューションズ:toho-sol 関西メディカル:kansai-medical 平和不動産:heiwa-fudosan "
    "協和電子:kyowa-denshi 日東紙業:nitto-shigyo 青葉商会:aoba-shokai 明光電設:meiko-densetsu "
    "新星工務店:shinsei-komuten 大成ロジスティクス:taisei-logi 昭和精工:showa-seiko "
    "トーワ産業:towa-sangyo みどり薬品:midori-yakuhin 港南テクノ:konan-techno 三光製作所:sanko-ss "
    "東京オフィス機器:tokyo-office 名古屋金属:nagoya-kinzoku 九州エナジー:kyushu-energy "
    "北海道フーズ:hokkaido-foods 瀬戸内マリン:setouchi-marine 信州精密:shinshu-seimitsu "
    "グローバルネット:globalnet アーク情報:arc-info 日本データサービス:nds "
    "西日本物流:nishi-butsuryu "
    "丸紅サプライ:marubeni-supply 大阪機工:osaka-kiko 中部電材:chubu-denzai "
    "広島パーツ:hiroshima-parts";

const char kDepartments[] =
    "営業部 営業一課 営業二課 総務部 経理部 人事部 開発部 技術部 品質管理部 製造部 購買部 法務部 "
    "情報システム部 企画部 広報部 物流部 カスタマーサポート部 海外事業部 経営企画室 資材部";

const char kPlaces[] = "第一会議室 第二会議室 弊社 御社 本社 大阪支社 オンライン Zoom Teams 応接室 "
                       "工場 現地 名古屋営業所 五階会議室 貴社会議室";

const char kStreets[] = "東京都千代田区丸の内1-2-3|大阪府大阪市北区梅田2-4-9|"
                        "愛知県名古屋市中村区名駅3-1-1|福岡県福岡市博多区博多駅前1-1-1|"
                        "神奈川県横浜市西区みなとみらい2-3-1|北海道札幌市中央区北一条西4-2|"
                        "宮城県仙台市青葉区中央1-6-5|東京都港区芝浦3-9-14|東京都新宿区西新宿6-8-1|"
                        "埼玉県さいたま市大宮区桜木町1-7-5";

const char *const kSentences[] = {
    "{N}の件でご連絡いたします。",
    "{N}について{V}。",
    "先日ご依頼いただいた{N}の{N}を添付にて{V}。",
    "{D}{T}より{P}にて{N}のお打ち合わせをお願いできますでしょうか。",
    "{C}の{N}は{Q}となります。",
    "{N}と{N}につきまして、{V}。",
    "恐れ入りますが、{N}の{N}を{D}までに{V}。",
    "なお、{N}については{N}を踏まえて{V}。",
    "{X}様の{N}ですが、{N}の{N}について{V}。",
    "{D}の{N}は{P}で行います。",
    "{N}（{C}）の{N}を{Q}で{V}。",
    "ご不明な点がございましたら、{S}までお問い合わせください。",
    "{N}に関しましては、{N}の{N}次第で{V}。",
    "取り急ぎ、{N}の{N}のみ{V}。",
    "添付の{N}をご確認のうえ、{V}。",
    "{N}の{N}が{D}に{N}となりましたので、{V}。",
    "引き続き{N}の{N}につきましても{V}。",
    "お手数をおかけしますが、{N}の{N}について{V}。",
    "{C}の{N}に{N}が発生しております。",
    "{N}、{N}、{N}の三点について{V}。",
    "{D}の{N}で{N}の{N}を説明する予定です。",
    "{N}は{Q}、{N}は{Q}でお願いいたします。",
    "前回の{N}でご指摘いただいた{N}は{V}。",
    "{N}の最新版を{C}でお送りしますので、{V}。",
};

const char *const kSubjects[] = {
    "{N}の件",
    "【ご確認】{N}について",
    "{N}送付のお願い",
    "{D}の{N}について",
    "{C} {N}のご案内",
    "{N}・{N}のご相談",
    "【{X}】{N}の{N}",
    "{N}のお知らせ",
    "{N}に関するお問い合わせ",
    "【重要】{N}の{N}について",
    "{N}ご提出のお願い",
    "{X} {N}御見積",
    "{N}日程調整のお願い",
    "{N}（{D}）",
    "{N}の{N}について",
    "【至急】{N}の{N}",
};

const char *const kWeekdays[] = {"月", "火", "水", "木", "金", "土", "日"};

struct Lists {
    QStringList nouns, verbs, rare, rareChars, commonChars, commonQueryWords, latin, departments,
        places, streets;
    QList<QPair<QString, QString>> surnames, givenNames, companies;
    QList<QString> sentences, subjects;
};

QList<QPair<QString, QString>> pairs(const char *text)
{
    QList<QPair<QString, QString>> out;
    for (const QString &item : QString::fromUtf8(text).split(u' ', Qt::SkipEmptyParts)) {
        const qsizetype colon = item.indexOf(u':');
        out.append({item.left(colon), item.mid(colon + 1)});
    }
    return out;
}

const Lists &lists()
{
    static const Lists l = [] {
        Lists x;
        const auto words = [](const char *t, char16_t sep = u' ') {
            return QString::fromUtf8(t).split(sep, Qt::SkipEmptyParts);
        };
        x.nouns = words(kNouns);
        x.verbs = words(kVerbs, u'|');
        x.rare = words(kRareWords);
        x.rareChars = words(kRareChars);
        x.commonChars = words(kCommonChars);
        x.commonQueryWords = words(kCommonQueryWords);
        x.latin = words(kLatin);
        x.departments = words(kDepartments);
        x.places = words(kPlaces);
        x.streets = words(kStreets, u'|');
        x.surnames = pairs(kSurnames);
        x.givenNames = pairs(kGivenNames);
        x.companies = pairs(kCompanies);
        for (const char *s : kSentences)
            x.sentences << QString::fromUtf8(s);
        for (const char *s : kSubjects)
            x.subjects << QString::fromUtf8(s);
        return x;
    }();
    return l;
}

std::uint64_t splitmix64(std::uint64_t &x)
{
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

template <typename T> const T &pick(Rng &rng, const QList<T> &list)
{
    return list[rng.below(int(list.size()))];
}

QByteArray base64Lines(const QByteArray &bytes)
{
    const QByteArray b64 = bytes.toBase64();
    QByteArray out;
    out.reserve(b64.size() + b64.size() / 76 * 2 + 2);
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + "\r\n";
    return out;
}

// Text with LF line ends as CRLF bytes in the charset (ISO-2022-JP per line, so
// each line ends in ASCII as RFC 1468 asks).
std::optional<QByteArray> encodeBody(const QString &text, bool iso)
{
    QByteArray out;
    for (const QString &line : text.split(u'\n')) {
        if (iso) {
            const auto encoded = mimetext::encodeIso2022Jp(line);
            if (!encoded)
                return std::nullopt;
            out += *encoded;
        } else {
            out += line.toUtf8();
        }
        out += "\r\n";
    }
    return out;
}

// RFC 2231 extended value: charset''percent-encoded bytes.
QByteArray rfc2231Value(const QByteArray &charset, const QByteArray &bytes)
{
    QByteArray out = charset + "''";
    static const char hex[] = "0123456789ABCDEF";
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '-' || c == '_') {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace

// ---- Rng, Zipf --------------------------------------------------------------

Rng::Rng(std::uint64_t seed)
{
    for (auto &s : m_s)
        s = splitmix64(seed);
}

std::uint64_t Rng::next()
{
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double Rng::uniform()
{
    return double(next() >> 11) * 0x1.0p-53;
}

int Rng::below(int n)
{
    return int(uniform() * n);
}

Zipf::Zipf(int n, double s)
{
    m_cdf.resize(std::size_t(n));
    double sum = 0;
    for (int i = 0; i < n; ++i)
        m_cdf[std::size_t(i)] = (sum += 1.0 / std::pow(i + 1, s));
    for (double &c : m_cdf)
        c /= sum;
}

int Zipf::draw(Rng &rng) const
{
    const double u = rng.uniform();
    const auto it = std::upper_bound(m_cdf.begin(), m_cdf.end(), u);
    return int(std::min<std::ptrdiff_t>(it - m_cdf.begin(), std::ptrdiff_t(m_cdf.size()) - 1));
}

// ---- the generator ----------------------------------------------------------

QString JapaneseMailGenerator::localDomain()
{
    return QStringLiteral("sakura-shoji.co.jp");
}

QStringList JapaneseMailGenerator::commonWords()
{
    return lists().commonQueryWords;
}
QStringList JapaneseMailGenerator::rareWords()
{
    return lists().rare;
}
QStringList JapaneseMailGenerator::commonChars()
{
    return lists().commonChars;
}
QStringList JapaneseMailGenerator::rareChars()
{
    return lists().rareChars;
}
QStringList JapaneseMailGenerator::absentWords()
{
    return QString::fromUtf8(kAbsentWords).split(u' ', Qt::SkipEmptyParts);
}
QStringList JapaneseMailGenerator::absentChars()
{
    return QString::fromUtf8(kAbsentChars).split(u' ', Qt::SkipEmptyParts);
}

JapaneseMailGenerator::JapaneseMailGenerator(std::uint64_t seed, int localAccounts)
    : m_seed(seed), m_nounZipf(int(lists().nouns.size()), 1.0),
      m_verbZipf(int(lists().verbs.size()), 0.9), m_companyZipf(int(lists().companies.size()), 0.8)
{
    const Lists &l = lists();
    Rng rng(seed ^ 0x5eedacc0u);
    QSet<QString> taken;
    while (m_accounts.size() < localAccounts) {
        Person p = named(rng);
        p.company = QStringLiteral("桜商事株式会社");
        p.department = pick(rng, l.departments);
        p.domain = localDomain();
        QString local = p.romajiGiven.left(1) + QLatin1Char('.') + p.romajiFamily;
        for (int n = 2; taken.contains(local); ++n)
            local = p.romajiGiven.left(1) + QLatin1Char('.') + p.romajiFamily + QString::number(n);
        taken.insert(local);
        p.address = local + QLatin1Char('@') + p.domain;
        m_localPeople.push_back(p);
        m_accounts.append({p.address, p.family + QLatin1Char(' ') + p.given});
    }
}

JapaneseMailGenerator::Person JapaneseMailGenerator::named(Rng &rng)
{
    const Lists &l = lists();
    const auto &family = pick(rng, l.surnames);
    const auto &given = pick(rng, l.givenNames);
    Person p;
    p.family = family.first;
    p.romajiFamily = family.second;
    p.given = given.first;
    p.romajiGiven = given.second;
    return p;
}

JapaneseMailGenerator::Person JapaneseMailGenerator::person(Rng &rng, bool local) const
{
    if (local)
        return m_localPeople[std::size_t(rng.below(int(m_localPeople.size())))];
    const Lists &l = lists();
    Person p = named(rng);
    const auto &company = l.companies[m_companyZipf.draw(rng)];
    p.company = rng.chance(0.6) ? QStringLiteral("株式会社") + company.first
                                : company.first + QStringLiteral("株式会社");
    p.department = pick(rng, l.departments);
    p.domain =
        company.second + (rng.chance(0.8) ? QStringLiteral(".co.jp") : QStringLiteral(".jp"));
    p.address =
        (rng.chance(0.5) ? p.romajiGiven + QLatin1Char('.') + p.romajiFamily : p.romajiFamily) +
        QLatin1Char('@') + p.domain;
    return p;
}

QString JapaneseMailGenerator::noun(Rng &rng) const
{
    return lists().nouns[m_nounZipf.draw(rng)];
}

namespace
{

QString dateText(Rng &rng)
{
    switch (rng.below(6)) {
    case 0:
        return QStringLiteral("来週") + QString::fromUtf8(kWeekdays[rng.below(5)]) +
               QStringLiteral("曜日");
    case 1:
        return QString::number(1 + rng.below(12)) + QStringLiteral("月") +
               QString::number(1 + rng.below(28)) + QStringLiteral("日（") +
               QString::fromUtf8(kWeekdays[rng.below(7)]) + QStringLiteral("）");
    case 2:
        return QStringLiteral("本日中");
    case 3:
        return QStringLiteral("今月末");
    case 4:
        return QStringLiteral("来月上旬");
    default:
        return QStringLiteral("明日");
    }
}

QString timeText(Rng &rng)
{
    const int h = 9 + rng.below(9);
    switch (rng.below(3)) {
    case 0:
        return QString::number(h) + QStringLiteral("時");
    case 1:
        return QString::number(h) + QStringLiteral("時30分");
    default:
        return QString::number(h) +
               (rng.chance(0.5) ? QStringLiteral(":00") : QStringLiteral(":30"));
    }
}

QString quantityText(Rng &rng)
{
    switch (rng.below(4)) {
    case 0:
        return QLocale::c().toString(1000 * (1 + rng.below(5000))) + QStringLiteral("円");
    case 1:
        return QString::number(1 + rng.below(500)) + QStringLiteral("個");
    case 2:
        return QString::number(1 + rng.below(50)) + QStringLiteral("台");
    default:
        return QString::number(1 + rng.below(30)) + QStringLiteral("名");
    }
}

} // namespace

QString JapaneseMailGenerator::sentence(Rng &rng, const Person &from, const Person &to) const
{
    const Lists &l = lists();
    const QString &templ = pick(rng, l.sentences);
    QString out;
    out.reserve(templ.size() * 3);
    for (qsizetype i = 0; i < templ.size(); ++i) {
        if (templ[i] != u'{') {
            out += templ[i];
            continue;
        }
        const QChar slot = templ[i + 1];
        i += 2; // past the slot letter; the loop steps over '}'
        if (slot == u'N')
            out += noun(rng);
        else if (slot == u'V')
            out += l.verbs[m_verbZipf.draw(rng)];
        else if (slot == u'D')
            out += dateText(rng);
        else if (slot == u'T')
            out += timeText(rng);
        else if (slot == u'Q')
            out += quantityText(rng);
        else if (slot == u'C')
            out += pick(rng, l.latin);
        else if (slot == u'P')
            out += pick(rng, l.places);
        else if (slot == u'X')
            out += to.company;
        else if (slot == u'S')
            out += from.family;
    }
    return out;
}

QString JapaneseMailGenerator::subject(Rng &rng) const
{
    const Lists &l = lists();
    const QString &templ = pick(rng, l.subjects);
    QString out;
    for (qsizetype i = 0; i < templ.size(); ++i) {
        if (templ[i] != u'{') {
            out += templ[i];
            continue;
        }
        const QChar slot = templ[i + 1];
        i += 2;
        if (slot == u'N')
            out += noun(rng);
        else if (slot == u'D')
            out += dateText(rng);
        else if (slot == u'C')
            out += pick(rng, l.latin);
        else if (slot == u'X')
            out += pick(rng, l.companies).first;
    }
    return out;
}

QString JapaneseMailGenerator::body(Rng &rng, const Person &from, const Person &to, bool internal,
                                    int targetChars) const
{
    const Lists &l = lists();
    QString text;
    if (internal) {
        text += to.family + QStringLiteral("さん\n\nお疲れ様です。") + from.family +
                QStringLiteral("です。\n\n");
    } else {
        text += to.company + QLatin1Char('\n') + to.department + QLatin1Char(' ') + to.family +
                QLatin1Char(' ') + to.given + QStringLiteral("様\n\n");
        text += rng.chance(0.7) ? QStringLiteral("いつもお世話になっております。\n")
                                : QStringLiteral("平素より大変お世話になっております。\n");
        text += from.company + QStringLiteral("の") + from.family + QStringLiteral("です。\n\n");
    }
    while (text.size() < targetChars) {
        const int sentences = 1 + rng.below(4);
        for (int s = 0; s < sentences; ++s)
            text += sentence(rng, from, to);
        text += QStringLiteral("\n\n");
    }
    text += internal
                ? QStringLiteral("以上、よろしくお願いします。\n\n")
                : (rng.chance(0.6) ? QStringLiteral("以上、よろしくお願いいたします。\n\n")
                                   : QStringLiteral("引き続きよろしくお願い申し上げます。\n\n"));
    text += QStringLiteral("--\n") + from.company + QLatin1Char(' ') + from.department +
            QLatin1Char('\n') + from.family + QLatin1Char(' ') + from.given + QLatin1Char('\n');
    if (!internal) {
        text += QStringLiteral("〒") + QString::number(100 + rng.below(900)) + QLatin1Char('-') +
                QString::number(1000 + rng.below(9000)) + QLatin1Char(' ') + pick(rng, l.streets) +
                QStringLiteral("\nTEL: 0") + QString::number(3 + rng.below(6)) + QLatin1Char('-') +
                QString::number(1000 + rng.below(9000)) + QLatin1Char('-') +
                QString::number(1000 + rng.below(9000)) + QLatin1Char('\n');
    }
    text += QStringLiteral("E-mail: ") + from.address + QLatin1Char('\n');
    return text;
}

GeneratedMail JapaneseMailGenerator::message(std::uint64_t index, qint64 time) const
{
    const Lists &l = lists();
    Rng rng(m_seed * 0x100000001b3ULL + index);
    GeneratedMail mail;
    mail.sent = rng.chance(0.6);
    const bool internal = mail.sent && rng.chance(0.2);
    const int senderIndex = rng.below(int(m_localPeople.size()));
    Person from, to;
    QList<Person> cc;
    if (mail.sent) {
        from = m_localPeople[std::size_t(senderIndex)];
        to = person(rng, internal);
        mail.accountIndexes << senderIndex;
    } else {
        from = person(rng, false);
        to = m_localPeople[std::size_t(senderIndex)];
        mail.accountIndexes << senderIndex;
    }
    const int ccCount = rng.chance(0.3) ? 1 + rng.below(2) : 0;
    for (int i = 0; i < ccCount; ++i) {
        const bool local = !mail.sent || rng.chance(0.5);
        const int ccIndex = rng.below(int(m_localPeople.size()));
        if (local) {
            cc << m_localPeople[std::size_t(ccIndex)];
            if (!mail.sent && !mail.accountIndexes.contains(ccIndex))
                mail.accountIndexes << ccIndex;
        } else {
            Person p = person(rng, false);
            p.company = to.company;
            p.domain = to.domain;
            p.address = p.romajiFamily + QLatin1Char('@') + to.domain;
            cc << p;
        }
    }

    QString subj = subject(rng);
    const bool reply = rng.chance(0.3);
    if (reply)
        subj = (rng.chance(0.8) ? QStringLiteral("Re: ") : QStringLiteral("RE: ")) + subj;

    // Sizes as business mail has them: most 2–4 KB, a few up to 8 KB (with the
    // quoted mail of a reply and an HTML alternative; an attachment adds to it).
    const double u = rng.uniform();
    const int targetBytes = 900 + int(6000 * u * u);
    const bool attach = rng.chance(0.10);
    const double charsetDraw = rng.uniform();
    bool iso = charsetDraw < 0.45;
    const bool base64Utf8 = charsetDraw >= 0.45 && charsetDraw < 0.80;
    const bool html = !iso && rng.chance(0.2);
    const double bytesPerChar = (iso ? 2.1 : base64Utf8 ? 4.0 : 3.0) + (html ? 4.6 : 0.0);
    const int targetChars = std::max(150, int((targetBytes - 700) / bytesPerChar));
    const int quotedChars = reply ? std::min(100 + rng.below(400), targetChars / 2) : 0;
    QString text = body(rng, from, to, internal, std::max(targetChars - quotedChars - 250, 60));
    if (rng.chance(0.05)) { // a rare word in about 1 in 20 messages
        const QString &rare = pick(rng, l.rare);
        if (rng.chance(0.2)) {
            subj += QLatin1Char(' ') + rare;
        } else {
            const qsizetype at = text.indexOf(QStringLiteral("\n\n"), text.size() / 3);
            text.insert(at < 0 ? 0 : at, QStringLiteral("（") + rare + QStringLiteral("の件）"));
        }
    }
    if (reply) {
        const Person &orig = to;
        QString quoted = body(rng, orig, from, internal, quotedChars);
        text += QStringLiteral("\n-----Original Message-----\nFrom: ") + orig.family +
                QLatin1Char(' ') + orig.given + QStringLiteral(" <") + orig.address +
                QStringLiteral(">\nSubject: ") + subj.mid(4) + QStringLiteral("\n\n");
        for (const QString &line : quoted.split(u'\n'))
            text += QStringLiteral("> ") + line + QLatin1Char('\n');
    }

    auto bodyBytes = encodeBody(text, iso);
    if (!bodyBytes) { // a character ISO-2022-JP cannot carry: written as UTF-8
        iso = false;
        bodyBytes = encodeBody(text, false);
    }
    mail.iso2022jp = iso;
    const mimetext::WriteCharset cs =
        iso ? mimetext::WriteCharset::Iso2022Jp : mimetext::WriteCharset::Utf8;
    const QByteArray charset = iso ? "ISO-2022-JP" : "UTF-8";

    const auto address = [cs](const Person &p) {
        return mimetext::encodePhrase(p.family + QLatin1Char(' ') + p.given, cs) + " <" +
               p.address.toUtf8() + '>';
    };
    const QDateTime date = QDateTime::fromSecsSinceEpoch(time, QTimeZone(9 * 3600));
    QByteArray raw;
    raw.reserve(targetBytes + 4096);
    if (!mail.sent) {
        raw += "Received: from mail." + from.domain.toUtf8() + " (mail." + from.domain.toUtf8() +
               " [203.0.113." + QByteArray::number(1 + rng.below(250)) +
               "])\r\n\tby mx.sakura-shoji.co.jp with ESMTPS id " +
               QByteArray::number(rng.next() & 0xffffffffffULL, 16) + "\r\n\tfor <" +
               to.address.toUtf8() + ">; " + date.toString(Qt::RFC2822Date).toUtf8() + "\r\n";
    }
    raw += "Date: " + date.toString(Qt::RFC2822Date).toUtf8() + "\r\n";
    raw += "From: " + address(from) + "\r\n";
    raw += "To: " + address(to) + "\r\n";
    if (!cc.isEmpty()) {
        raw += "Cc: ";
        for (qsizetype i = 0; i < cc.size(); ++i)
            raw += (i ? ",\r\n " : "") + address(cc[i]);
        raw += "\r\n";
    }
    raw += "Subject: " + mimetext::encodeHeaderText(subj, cs) + "\r\n";
    raw += "Message-ID: <" + QByteArray::number(time) + '.' +
           QByteArray::number(rng.next() & 0xffffffffffffULL, 36) + '@' + from.domain.toUtf8() +
           ">\r\n";
    raw += "MIME-Version: 1.0\r\n";
    static const QByteArray mailers[] = {"Microsoft Outlook 16.0", "Becky! ver. 2.81.05",
                                         "Thunderbird 115.5.0", "Active! mail 6"};
    raw += "X-Mailer: " + mailers[rng.below(4)] + "\r\n";

    const QByteArray textTransfer = iso ? "7bit" : (base64Utf8 ? "base64" : "8bit");
    const QByteArray textBody = (!iso && base64Utf8) ? base64Lines(*bodyBytes) : *bodyBytes;
    const QByteArray textPart = "Content-Type: text/plain; charset=\"" + charset +
                                "\"\r\nContent-Transfer-Encoding: " + textTransfer + "\r\n\r\n" +
                                textBody;
    QByteArray content = textPart;
    QByteArray contentHeader;
    const QByteArray boundaryAlt = "----=_Alt_" + QByteArray::number(rng.next() & 0xffffffff, 16);
    if (html) {
        QString h = QStringLiteral("<html><head><meta charset=\"utf-8\"></head><body><div>");
        for (const QString &line : text.split(u'\n'))
            h += line.toHtmlEscaped() + QStringLiteral("<br>\n");
        h += QStringLiteral("</div></body></html>");
        content = "--" + boundaryAlt + "\r\n" + textPart + "\r\n--" + boundaryAlt +
                  "\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n"
                  "Content-Transfer-Encoding: base64\r\n\r\n" +
                  base64Lines(h.toUtf8()) + "\r\n--" + boundaryAlt + "--\r\n";
        contentHeader = "Content-Type: multipart/alternative; boundary=\"" + boundaryAlt + "\"\r\n";
    }
    if (attach) {
        mail.hasAttachment = true;
        static const char *const stems[] = {"見積書", "請求書", "議事録", "納品書",   "仕様書",
                                            "提案書", "報告書", "発注書", "会議資料", "図面"};
        static const char *const exts[][2] = {
            {"pdf", "application/pdf"},
            {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
            {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
            {"zip", "application/zip"},
            {"png", "image/png"},
            {"csv", "text/csv"}};
        const int ext = rng.below(6);
        const QString name = QString::fromUtf8(stems[rng.below(10)]) + QLatin1Char('_') +
                             (rng.chance(0.5) ? to.company : noun(rng)) + QLatin1Char('_') +
                             QString::number(date.date().year()) + QStringLiteral("年") +
                             QString::number(date.date().month()) + QStringLiteral("月.") +
                             QLatin1String(exts[ext][0]);
        QByteArray payload(300 + rng.below(2200), Qt::Uninitialized);
        for (char &c : payload)
            c = char(rng.next() & 0xff);
        QByteArray disposition;
        if (rng.chance(0.5)) { // RFC 2231 (Thunderbird, Becky!)
            const QByteArray nameBytes =
                iso ? mimetext::encodeIso2022Jp(name).value_or(name.toUtf8()) : name.toUtf8();
            const QByteArray value = rfc2231Value(charset, nameBytes);
            disposition = "Content-Type: " + QByteArray(exts[ext][1]) +
                          "\r\nContent-Disposition: attachment;\r\n filename*=" + value + "\r\n";
        } else { // RFC 2047 in a quoted string (Outlook)
            const QByteArray encoded = mimetext::encodeHeaderText(name, cs);
            disposition = "Content-Type: " + QByteArray(exts[ext][1]) + ";\r\n name=\"" + encoded +
                          "\"\r\nContent-Disposition: attachment;\r\n filename=\"" + encoded +
                          "\"\r\n";
        }
        const QByteArray boundary = "----=_Part_" + QByteArray::number(rng.next() & 0xffffffff, 16);
        QByteArray first = html ? contentHeader + "\r\n" + content : content;
        content = "This is a multi-part message in MIME format.\r\n\r\n--" + boundary + "\r\n" +
                  first + "\r\n--" + boundary + "\r\n" + disposition +
                  "Content-Transfer-Encoding: base64\r\n\r\n" + base64Lines(payload) + "\r\n--" +
                  boundary + "--\r\n";
        contentHeader = "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n";
    }
    if (contentHeader.isEmpty()) {
        raw += content; // the text part's own header fields are the message's
    } else {
        raw += contentHeader + "\r\n" + content;
    }

    mail.sender = from.address;
    mail.recipients << to.address;
    for (const Person &p : cc)
        mail.recipients << p.address;
    mail.raw = std::move(raw);
    return mail;
}

} // namespace fumibako::bench

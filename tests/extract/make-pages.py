#!/usr/bin/env python3
"""Write the news pages of tests/extract/pages and what --extract must make
of each (NAME.html, NAME.expected).  Each page is built the way Persian,
Arabic and Hebrew news sites build theirs: menus, breadcrumbs, a share
bar, a photo with its caption, tags, a "read also" box inside the text, a
related-news box, a most-read list, comments and a footer, in one of
several site styles.  The expected article file is written from the same
data: the headline, the date, the link, the site, the body paragraphs,
the credit line and the related headlines, nothing of the rest.

Run it from anywhere: python3 tests/extract/make-pages.py"""
import json
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pages")

FA = [
    "به گزارش خبرنگار اقتصادی، بانک مرکزی روز شنبه اعلام کرد که نرخ تورم نقطه‌به‌نقطه در اسفند ماه به ۳۵ درصد رسیده است، رقمی که نسبت به ماه گذشته دو واحد درصد کاهش نشان می‌دهد.",
    "کارشناسان می‌گویند کاهش تورم بیش از هر چیز نتیجهٔ ثبات نسبی بازار ارز در سه ماه اخیر است، اما هشدار می‌دهند که این روند بدون اصلاح بودجه پایدار نخواهد ماند.",
    "رئیس کل بانک مرکزی در نشست خبری خود گفت: «هدف ما رساندن تورم به زیر ۲۵ درصد تا پایان سال آینده است و برای این کار رشد نقدینگی را مهار خواهیم کرد.»",
    "بر اساس این گزارش، قیمت خوراکی‌ها همچنان بیشترین سهم را در افزایش هزینهٔ خانوارها دارد و نان، لبنیات و گوشت قرمز در صدر فهرست گرانی‌ها قرار گرفته‌اند.",
    "نمایندگان مجلس نیز در جلسهٔ علنی روز یکشنبه از دولت خواستند گزارشی دقیق از وضعیت معیشت مردم ارائه کند، و چند نماینده خواستار افزایش یارانهٔ نقدی دهک‌های پایین شدند.",
    "در همین حال، مرکز آمار ایران نرخ بیکاری زمستان را ۸٫۲ درصد اعلام کرده است که نسبت به فصل مشابه سال قبل، تغییر چندانی نداشته است.",
    "زلزله‌ای به بزرگی ۵٫۶ ریشتر بامداد امروز حوالی شهرستان راور در استان کرمان را لرزاند، و به گفتهٔ مسئولان محلی، خسارت‌هایی به خانه‌های روستایی وارد شده است.",
    "رئیس جمعیت هلال احمر استان گفت تیم‌های ارزیاب و امداد به روستاهای آسیب‌دیده اعزام شده‌اند، و تا این لحظه گزارشی از تلفات جانی دریافت نشده است.",
    "مردم چند روستا شب را در فضای باز گذراندند، چادر و پتو میان خانواده‌هایی که خانه‌هایشان ترک برداشته بود توزیع شد، و آب آشامیدنی با تانکر رسانده شد.",
    "مؤسسهٔ ژئوفیزیک دانشگاه تهران اعلام کرد که پس از این زمین‌لرزه، دست‌کم ۱۲ پس‌لرزه ثبت شده است، که بزرگ‌ترین آن‌ها ۳٫۸ ریشتر بود.",
]
AR = [
    "أعلنت وزارة الصحة، يوم الثلاثاء، عن افتتاح ثلاثة مستشفيات جديدة في المحافظات الجنوبية، بطاقة استيعابية تبلغ ستمائة سرير، ضمن خطة لتطوير الخدمات الطبية.",
    "وقال وزير الصحة، في مؤتمر صحفي عقده في العاصمة، إن المستشفيات الجديدة مجهزة بأحدث الأجهزة، وإن العمل فيها سيبدأ بشكل تدريجي خلال الشهر المقبل.",
    "وأضاف الوزير أن الوزارة تعاقدت مع أكثر من خمسمائة طبيب وممرض، لسد النقص في الكوادر الطبية، خاصة في أقسام الطوارئ والعناية المركزة.",
    "من جهتهم، رحب سكان المناطق الجنوبية بهذه الخطوة، مؤكدين أنهم كانوا يضطرون للسفر مئات الكيلومترات لتلقي العلاج في مستشفيات العاصمة.",
    "وتأتي هذه الخطوة في إطار برنامج حكومي أوسع، يهدف إلى تحسين الرعاية الصحية الأولية، وتقليص فترات الانتظار في المستشفيات العامة.",
    "وارتفعت أسعار الذهب في الأسواق المحلية، صباح اليوم، بنحو خمسة جنيهات للغرام، متأثرة بصعود سعر الأوقية في البورصات العالمية.",
    "وقال رئيس شعبة الذهب في اتحاد الغرف التجارية، إن حركة البيع والشراء ما زالت ضعيفة، وإن المواطنين يفضلون الانتظار حتى تستقر الأسعار.",
    "ويتوقع خبراء أن تواصل الأسعار ارتفاعها خلال الأيام المقبلة، بسبب التوترات الجيوسياسية، وتراجع الدولار أمام العملات الرئيسية.",
    "وشهدت العاصمة أمس أمطارا غزيرة، أدت إلى تجمع المياه في عدد من الشوارع الرئيسية، وتعطل حركة المرور لساعات، قبل أن تتدخل فرق الطوارئ.",
    "وحذرت هيئة الأرصاد الجوية من استمرار الطقس غير المستقر حتى نهاية الأسبوع، داعية المواطنين إلى توخي الحذر، وعدم الاقتراب من مجاري السيول.",
]
HE = [
    "משרד התחבורה הודיע היום כי הקו האדום של הרכבת הקלה יפעל גם בשבת בשעות הערב, החל מהחודש הבא, במסגרת פיילוט שיימשך שלושה חודשים.",
    "לדברי המשרד, ההחלטה התקבלה לאחר סקר שהראה כי אלפי תושבים זקוקים לתחבורה ציבורית בסופי שבוע, בעיקר סטודנטים ועובדי משמרות.",
    "ראש העירייה בירך על ההחלטה ואמר כי מדובר בצעד חשוב לשיפור איכות החיים בעיר, אך הוסיף כי יש להרחיב את השירות גם לקווי האוטובוס.",
    "מנגד, נציגי המפלגות הדתיות מתחו ביקורת חריפה על המהלך, וטענו כי מדובר בפגיעה בסטטוס קוו, ובאופייה של המדינה.",
    "על פי התוכנית, הרכבות ייצאו בתדירות של עשרים דקות, והנסיעה תהיה בתעריף הרגיל, ללא תוספת תשלום.",
    "מזג האוויר הסוער פקד אמש את צפון הארץ, וגשמים עזים גרמו להצפות בכמה כבישים מרכזיים, ולחסימת התנועה במשך שעות ארוכות.",
    "כוחות ההצלה חילצו נהגים שנלכדו ברכביהם, ולא דווח על נפגעים, אך נגרם נזק רב לרכוש, ולשטחים חקלאיים באזור העמקים.",
    "השירות המטאורולוגי צופה כי הגשמים יימשכו גם מחר, ובסוף השבוע צפויה התבהרות, עם עלייה קלה בטמפרטורות.",
    "בנק ישראל החליט להותיר את הריבית ללא שינוי, על רקע האינפלציה שעדיין גבוהה מהיעד, והאי־ודאות בשוק העבודה.",
    "הנגיד אמר במסיבת עיתונאים כי הבנק ימשיך לעקוב מקרוב אחר ההתפתחויות, ולא שלל הורדת ריבית במהלך הרבעון הבא.",
]

LANG = {
    "fa": dict(pool=FA, dir="rtl", credit="منبع", related="اخبار مرتبط",
               most="پربازدیدترین‌ها", read="بیشتر بخوانید",
               comments="نظرات", tags="برچسب‌ها", home="صفحهٔ اصلی", user="کاربر",
               menu=["سیاسی", "اقتصادی", "اجتماعی", "ورزشی", "فرهنگی",
                     "بین‌الملل"],
               comment_text=["واقعاً جای تأسف دارد، مسئولان کجا هستند؟",
                             "ممنون از گزارش خوبتان، لطفاً پیگیری کنید.",
                             "این آمارها با واقعیت بازار فاصله دارد، هر روز قیمت‌ها بالاتر می‌رود."],
               footer="تمامی حقوق این سایت محفوظ است"),
    "ar": dict(pool=AR, dir="rtl", credit="المصدر", related="أخبار ذات صلة",
               most="الأكثر قراءة", read="اقرأ أيضا", comments="التعليقات",
               tags="الكلمات المفتاحية", home="الرئيسية", user="زائر",
               menu=["أخبار", "سياسة", "اقتصاد", "رياضة", "ثقافة", "منوعات"],
               comment_text=["خطوة ممتازة، نتمنى أن تشمل كل المحافظات.",
                             "شكرا على الخبر، ولكن أين التنفيذ؟",
                             "الأسعار نار، والمواطن البسيط لا يستطيع الشراء، حسبنا الله."],
               footer="جميع الحقوق محفوظة"),
    "he": dict(pool=HE, dir="rtl", credit="מקור", related="כתבות נוספות",
               most="הנקראים ביותר", read="קראו גם", comments="תגובות",
               tags="תגיות", home="ראשי", user="גולש",
               menu=["חדשות", "כלכלה", "ספורט", "תרבות", "בריאות", "צרכנות"],
               comment_text=["סוף סוף החלטה נכונה, הגיע הזמן.",
                             "מה עם הפריפריה? שוב שוכחים אותנו.",
                             "כתבה מעולה, תודה רבה, מחכים להמשך."],
               footer="כל הזכויות שמורות"),
}

HEADLINES = {
    "fa": ["تورم اسفند به ۳۵ درصد رسید", "زلزلهٔ ۵٫۶ ریشتری راور کرمان را لرزاند",
           "افزایش قیمت نان در سه استان", "برگزاری نمایشگاه کتاب تهران در اردیبهشت",
           "پرسپولیس در دربی تهران استقلال را شکست داد", "بارش برف راه ۲۰۰ روستا را بست",
           "آغاز ثبت‌نام وام ازدواج از هفتهٔ آینده", "کاهش ساعت کاری ادارات در تابستان"],
    "ar": ["افتتاح ثلاثة مستشفيات جديدة في الجنوب", "ارتفاع أسعار الذهب في السوق المحلية",
           "أمطار غزيرة تغرق شوارع العاصمة", "انطلاق معرض الكتاب الدولي الشهر المقبل",
           "المنتخب يفوز على ضيفه بهدفين نظيفين", "الحكومة تعلن زيادة الأجور",
           "افتتاح طريق سريع جديد بين المدينتين", "تراجع معدل البطالة في الربع الأخير"],
    "he": ["הרכבת הקלה תפעל גם בשבת", "סערה בצפון: הצפות בכבישים",
           "בנק ישראל הותיר את הריבית ללא שינוי", "שביתה כללית במשק הוכרזה להיום",
           "מכבי ניצחה בדרבי ועלתה לצמרת", "מחירי הדירות עלו בפעם השלישית ברציפות",
           "נפתח פסטיבל הסרטים בירושלים", "משרד הבריאות: עלייה בתחלואה בשפעת"],
}


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def q(s):
    return esc(s).replace('"', "&quot;")


def links(items, cls=None, base="/news/"):
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>" + "".join(
        f'<li><a href="{h}">{esc(t)}</a></li>' for t, h in items) + "</ul>"


def body_html(a, style):
    """The body paragraphs as the site writes them."""
    out = []
    for i, p in enumerate(a["paras"]):
        if isinstance(p, tuple) and p[0] == "list":
            out.append("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in p[1]) + "</ul>")
        elif isinstance(p, tuple) and p[0] == "quote":
            out.append(f"<blockquote><p>{esc(p[1])}</p></blockquote>")
        elif style == "br":
            out.append(esc(p) + "<br><br>")
        else:
            out.append(f"<p>{esc(p)}</p>")
        if i == 1 and a.get("read_also"):
            t, h = a["read_also"]
            out.append(f'<div class="{a.get("read_cls", "read-also")}"><strong>'
                       f'{esc(LANG[a["lang"]]["read"])}:</strong> '
                       f'<a href="{h}">{esc(t)}</a></div>')
        if i == 0 and a.get("photo"):
            out.append(f'<figure><img src="/img/1.jpg" alt="{q(a["photo"])}">'
                       f'<figcaption>{esc(a["photo"])}</figcaption></figure>')
    if a.get("credit") and not a.get("credit_outside"):
        out.append(f'<p class="source">{esc(a["credit"])}</p>')
    return "\n".join(out)


def expected_paras(a):
    out = []
    for p in a["paras"]:
        if isinstance(p, tuple) and p[0] == "list":
            out += ["• " + x for x in p[1]]
        elif isinstance(p, tuple):
            out.append(p[1])
        else:
            out.append(p)
    return out


def head(a, charset="utf-8", extra=""):
    L = a["lang"]
    og = "" if a.get("no_og") else (
        f'<meta property="og:title" content="{q(a["title"])}">'
        f'<meta property="og:site_name" content="{q(a["site"])}">'
        f'<meta property="og:type" content="article">')
    date = (f'<meta property="article:published_time" content="{a["date"]}">'
            if a.get("date_meta", True) else "")
    cs = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
          if a.get("http_equiv") else
          (f'<meta charset="{charset}">' if charset else ""))
    return (f'<!DOCTYPE html><html lang="{L}" dir="rtl"><head>{cs}'
            f'<title>{esc(a["title"])} | {esc(a["site"])}</title>'
            f'<link rel="canonical" href="{a["link"]}">{og}{date}{extra}'
            f'<link rel="stylesheet" href="/s.css"><script>var ads=[1,2,3];'
            f'function f(){{return "<p>not text</p>";}}</script>'
            f'<style>p{{margin:0}}</style></head>')


def chrome_top(a, nav_cls="main-menu"):
    L = LANG[a["lang"]]
    menu = [(m, f"/section/{i}") for i, m in enumerate(L["menu"])]
    return (f'<header class="site-header"><a href="/" class="logo">{esc(a["site"])}</a>'
            f'<nav class="{nav_cls}">{links(menu)}</nav>'
            f'<div class="search"><form action="/search"><input name="q"></form></div></header>'
            f'<div class="breadcrumb"><a href="/">{esc(L["home"])}</a> » '
            f'<a href="/section/1">{esc(L["menu"][1])}</a></div>')


def share_bar():
    return ('<div class="share-bar"><a href="https://t.me/share?u=x">Telegram</a>'
            '<a href="https://twitter.com/intent/tweet">Twitter</a>'
            '<a href="https://wa.me/?text=x">WhatsApp</a></div>')


def tags_box(a):
    L = LANG[a["lang"]]
    return (f'<div class="tags"><span>{esc(L["tags"])}:</span>'
            + "".join(f'<a href="/tag/{i}">{esc(t)}</a>' for i, t in
                      enumerate(L["menu"][:3])) + "</div>")


def related_box(a, style="class"):
    L = LANG[a["lang"]]
    rel = a["related"]
    if not rel:
        return ""
    heading = a.get("related_heading", L["related"])
    if style == "class":
        return (f'<section class="{a.get("related_cls", "related-news")}">'
                f'<h3>{esc(heading)}</h3>{links(rel)}</section>')
    if style == "heading":  # no class names: a heading and a list
        return f"<div><h4>{esc(heading)}</h4>{links(rel)}</div>"
    if style == "cards":  # picture link and headline link to each story
        cards = "".join(
            f'<div class="card"><a href="{h}"><img src="/i.jpg" alt=""></a>'
            f'<h5><a href="{h}">{esc(t)}</a></h5></div>' for t, h in rel)
        return (f'<div class="{a.get("related_cls", "RelatedArticles")}">'
                f'{cards}</div>')
    raise ValueError(style)


def most_read_box(a, cls="most-read"):
    L = LANG[a["lang"]]
    items = [(t, f"/news/{900 + i}") for i, t in enumerate(a["most"])]
    if cls is None:
        return f"<div><h4>{esc(L['most'])}</h4>{links(items)}</div>"
    return f'<aside class="{cls}"><h3>{esc(L["most"])}</h3>{links(items)}</aside>'


def comments_box(a, cls="comments"):
    L = LANG[a["lang"]]
    cs = "".join(
        f'<div class="comment"><span class="name">{L["user"]} {i}</span><p>{esc(c)}</p></div>'
        for i, c in enumerate(L["comment_text"]))
    form = ('<form class="comment-form"><textarea name="c"></textarea>'
            '<input type="submit" value="ok"></form>')
    if cls is None:
        return f"<div><h4>{esc(L['comments'])}</h4>{cs}</div>"
    return f'<div class="{cls}"><h3>{esc(L["comments"])}</h3>{cs}{form}</div>'


def footer(a, cls="site-footer"):
    L = LANG[a["lang"]]
    menu = [(m, f"/section/{i}") for i, m in enumerate(L["menu"])]
    if cls is None:
        return f"<div>{links(menu)}<p>© {esc(L['footer'])} ۱۴۰۳</p></div>"
    return f'<footer class="{cls}">{links(menu)}<p>© {esc(L["footer"])}</p></footer>'


def byline(a):
    return (f'<div class="news-info"><span class="date"><time datetime="{a["date"]}">'
            f'{a["date"][:10]}</time></span> <span class="author">{esc(a.get("author", "x"))}</span></div>')


# ---- Site styles -------------------------------------------------------------

def style_agency(a):
    """A news agency: header, menu, main column with the story, sidebar
    with the most read, related box after the text, comments, footer."""
    story = (f'<div class="news-body"><h1 class="title">{esc(a["title"])}</h1>'
             f'{byline(a)}{share_bar()}<div class="{a.get("body_cls", "item-text")}">'
             f'{body_html(a, "p")}</div>{tags_box(a)}'
             f'{related_box(a, a.get("related_style", "class"))}</div>')
    return (head(a) + '<body><div class="wrapper">' + chrome_top(a) +
            '<div class="row"><main class="col-main">' + story +
            comments_box(a) + '</main><div class="sidebar">' +
            most_read_box(a) + '</div></div>' + footer(a) +
            '</div></body></html>')


def style_related_first(a):
    """The related box stands before the story in the page."""
    story = (f'<article><h1>{esc(a["title"])}</h1>{byline(a)}'
             f'<div class="article-body">{body_html(a, "p")}</div></article>')
    return (head(a) + "<body>" + chrome_top(a) +
            '<div class="content-wrap">' + related_box(a, "class") + story +
            '</div><div class="side">' + most_read_box(a) + "</div>" +
            footer(a) + "</body></html>")


def style_plain(a):
    """No class or id anywhere: only the text's shape tells the story
    from the rest."""
    L = LANG[a["lang"]]
    menu = [(m, f"/section/{i}") for i, m in enumerate(L["menu"])]
    story = (f"<div><h1>{esc(a['title'])}</h1><div>{a['date'][:10]}</div>"
             f"<div>{body_html(a, a.get('para_style', 'p'))}</div>"
             f"{related_box(a, 'heading')}</div>")
    return (head(a) + "<body><div>" + links(menu) + "</div>"
            "<table><tr><td>" + story + comments_box(a, None) + "</td><td>" +
            most_read_box(a, None) + "</td></tr></table>" + footer(a, None) +
            "</body></html>")


def style_cards(a):
    """A portal: the related stories as cards with a picture link and a
    headline link each, and a teaser list of other sections."""
    L = LANG[a["lang"]]
    teasers = "".join(
        f'<div class="teaser"><a href="/t/{i}">{esc(t)}</a></div>'
        for i, t in enumerate(HEADLINES[a["lang"]][4:7]))
    story = (f'<div id="article"><h1>{esc(a["title"])}</h1>{byline(a)}'
             f'<div class="{a.get("body_cls", "text_editor_paragraph")}">'
             f'{body_html(a, "p")}</div>{share_bar()}</div>')
    return (head(a) + '<body>' + chrome_top(a, "navbar") +
            '<div id="container">' + story + related_box(a, "cards") +
            f'<div class="section-teasers"><h3>{esc(L["menu"][0])}</h3>{teasers}</div>' +
            comments_box(a, "talkbacks") + most_read_box(a, "popular-articles") +
            "</div>" + footer(a) + "</body></html>")


STYLES = {"agency": style_agency, "related_first": style_related_first,
          "plain": style_plain, "cards": style_cards}


def article(name, lang, site, host, paras, style="agency", **kw):
    L = LANG[lang]
    heads = HEADLINES[lang]
    i = sum(map(ord, name)) % len(heads)
    a = dict(name=name, lang=lang, site=site, title=kw.pop("title", heads[i]),
             date=kw.pop("date", "2024-03-02T10:15:00+03:30"),
             link=f"https://{host}/news/{1000 + len(name)}/{name}",
             paras=[L["pool"][k] if isinstance(k, int) else k for k in paras],
             related=[], most=[h for h in heads if h != heads[i]][:5],
             style=style)
    nrel = kw.pop("nrelated", 3)
    a["related"] = [(t, f"/news/{2000 + j}") for j, t in
                    enumerate(h for h in heads if h != heads[i]) if j < nrel]
    a.update(kw)
    return a


PAGES = [
    article("fa-agency", "fa", "خبرگزاری نمونه", "www.example-fa.ir",
            [0, 1, 2, 3, 4], read_also=("افزایش قیمت نان در سه استان", "/news/77"),
            photo="رئیس کل بانک مرکزی در نشست خبری"),
    article("fa-credit", "fa", "پایگاه خبری شرق", "sharq.example.ir",
            [6, 7, 8, 9], credit="منبع: خبرگزاری ایسنا", body_cls="matn"),
    article("fa-related-first", "fa", "خبرآنلاین نمونه", "khabar.example.ir",
            [5, 0, 1, 3], style="related_first", related_cls="related-box"),
    article("fa-plain", "fa", "روزنامه نمونه", "ruzname.example.ir",
            [6, 7, 8, 9, 1], style="plain"),
    article("fa-list-quote", "fa", "همشهری نمونه", "hamshahri.example.ir",
            [0, ("quote", FA[2]), ("list", ["نان: ۱۵ درصد افزایش", "لبنیات: ۲۲ درصد افزایش", "گوشت قرمز: ۳۰ درصد افزایش"]), 3, 4]),
    article("fa-cards", "fa", "تسنیم نمونه", "tasnim.example.ir",
            [6, 7, 8], style="cards", related_cls="news-related"),
    article("fa-br", "fa", "سایت قدیمی", "old.example.ir", [0, 1, 3, 4],
            style="plain", para_style="br"),
    article("fa-heading-related", "fa", "ایرنا نمونه", "irna.example.ir",
            [5, 4, 3, 2], related_style="heading",
            related_heading="خبرهای مرتبط"),
    article("ar-agency", "ar", "وكالة الأنباء", "news.example.com",
            [0, 1, 2, 3, 4], read_also=("ارتفاع أسعار الذهب في السوق المحلية", "/news/55"),
            photo="وزير الصحة خلال المؤتمر الصحفي"),
    article("ar-credit", "ar", "اليوم السابع نموذج", "youm.example.com",
            [5, 6, 7], credit="المصدر: وكالات"),
    article("ar-related-first", "ar", "الجزيرة نموذج", "jazeera.example.net",
            [8, 9, 0, 1], style="related_first",
            related_heading="مواضيع ذات صلة", related_cls="more-on"),
    article("ar-plain", "ar", "صحيفة نموذج", "sahifa.example.com",
            [0, 1, 2, 3, 4], style="plain"),
    article("ar-cards", "ar", "العربية نموذج", "arabiya.example.net",
            [5, 6, 7, 8], style="cards", related_cls="related-articles"),
    article("ar-list", "ar", "الشرق نموذج", "sharq.example.com",
            [0, ("list", ["مستشفى الجنوب: مئتا سرير", "مستشفى الساحل: مئتا سرير", "مستشفى الواحة: مئتا سرير"]), 1, 2],
            related_heading="أخبار ذات صلة"),
    article("he-agency", "he", "חדשות לדוגמה", "news.example.co.il",
            [0, 1, 2, 3, 4], read_also=("בנק ישראל הותיר את הריבית ללא שינוי", "/news/88"),
            photo="הרכבת הקלה בתחנה המרכזית"),
    article("he-credit", "he", "עיתון לדוגמה", "iton.example.co.il",
            [5, 6, 7], credit="מקור: סוכנויות הידיעות"),
    article("he-related-first", "he", "הארץ לדוגמה", "haaretz.example.co.il",
            [8, 9, 0], style="related_first", related_heading="כתבות קשורות"),
    article("he-plain", "he", "מקומון לדוגמה", "mekomon.example.co.il",
            [5, 6, 7, 8], style="plain"),
    article("he-cards", "he", "ynet לדוגמה", "ynet.example.co.il",
            [0, 1, 2, 3], style="cards", related_cls="RelatedArticles",
            body_cls="text_editor_paragraph"),
    article("he-no-related", "he", "וואלה לדוגמה", "walla.example.co.il",
            [5, 6, 7, 8], nrelated=0),
]

# Pages whose bytes are not UTF-8, and one with its body only in JSON-LD.
ENCODED = {"fa-windows-1256": ("windows-1256", "fa-credit"),
           "ar-windows-1256": ("windows-1256", "ar-agency"),
           "he-windows-1255": ("windows-1255", "he-credit"),
           "ar-undeclared-1256": (None, "ar-credit")}


def expected(a):
    L = LANG[a["lang"]]
    lines = [f"Title: {a['title']}", f"Date: {a['date']}", f"Link: {a['link']}",
             f"Site: {a['site']}", "", a["site"]] + expected_paras(a)
    if a.get("credit"):
        lines.append(a["credit"])
    elif a["related"]:
        lines.append(f"{L['credit']}: {a['site']}")
    lines += [t for t, h in a["related"]]
    return "\n".join(lines) + "\n"


def related_links(a):
    host = a["link"].split("/")[2]
    return "".join(f"https://{host}{h}\n" for t, h in a["related"])


def write(name, html, a, encoding="utf-8"):
    with open(os.path.join(HERE, name + ".html"), "wb") as f:
        f.write(html.encode(encoding))
    with open(os.path.join(HERE, name + ".expected"), "w", encoding="utf-8") as f:
        f.write(expected(a))
    with open(os.path.join(HERE, name + ".links"), "w", encoding="utf-8") as f:
        f.write(related_links(a))


def json_ld_page():
    """The body only in JSON-LD (the page shows it in a script-built
    block the parser never sees filled), a teaser in the HTML."""
    a = article("fa-json-ld", "fa", "فارس نمونه", "fars.example.ir",
                [0, 1, 2, 3, 4, 5], no_og=True, date_meta=False)
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "x"},
        {"@type": "NewsArticle", "headline": a["title"],
         "datePublished": a["date"],
         "author": {"@type": "Person", "name": "مریم احمدی"},
         "publisher": {"@type": "Organization", "name": a["site"]},
         "articleBody": "\n".join(a["paras"])}]}
    script = ('<script type="application/ld+json">' +
              json.dumps(ld, ensure_ascii=False) + "</script>")
    teaser = a["paras"][0]
    html = (head(a, extra=script).replace(
        f'<title>{esc(a["title"])} | {esc(a["site"])}</title>',
        f'<title>{esc(a["title"])} - {esc(a["site"])}</title>') +
        "<body>" + chrome_top(a) +
        f'<div class="main"><h1>{esc(a["title"])}</h1><p class="lead">{esc(teaser)}</p>'
        '<div id="app-body" data-src="/api/1"></div>' +
        related_box(a) + "</div>" + most_read_box(a) + footer(a) +
        "</body></html>")
    write("fa-json-ld", html, a)


def fit(value, encoding):
    """Data of an article as a page in a legacy code page writes it:
    windows-1256 has the Arabic yeh and no Persian digits."""
    if isinstance(value, str):
        table = {"\u06cc": "\u064a", "\u0654": "", "\u066b": "."}
        table.update({chr(0x6f0 + d): str(d) for d in range(10)})
        value = "".join(table.get(c, c) for c in value)
        value.encode(encoding)
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(fit(v, encoding) for v in value)
    if isinstance(value, dict):
        return {k: fit(v, encoding) for k, v in value.items()}
    return value


def main():
    os.makedirs(HERE, exist_ok=True)
    by_name = {}
    for a in PAGES:
        by_name[a["name"]] = a
        write(a["name"], STYLES[a["style"]](a), a)
    for name, (enc, like) in ENCODED.items():
        a = fit(dict(by_name[like], name=name), enc or "windows-1256")
        html = STYLES[a["style"]](a)
        if enc:
            html = html.replace('<meta charset="utf-8">',
                                f'<meta http-equiv="Content-Type" '
                                f'content="text/html; charset={enc}">')
        else:
            html = html.replace('<meta charset="utf-8">', "")
            enc = "windows-1256"
        write(name, fit(html, enc), a, enc)
    json_ld_page()


if __name__ == "__main__":
    main()

"""Where a catalog departs from docs/glossary.md: for each glossary term, the messages whose English
holds the term but whose translation holds none of the glossary's forms (inflections allowed).

A reviewing translator's list, not a test: some hits are right (the term used in another sense,
a name that a sentence rephrases). Run from the repository's root:

    python -m tests.selection.glossary_report ar,zh,fr,ru,es            # counts per term
    python -m tests.selection.glossary_report fr "Shortlisted,nominator"  # the messages
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parents[2] / "selection" / "translations"
# (term, English pattern, {language: pattern of the glossary's form})
TERMS: list[tuple[str, str, dict[str, str]]] = [
 ("stakeholder group", r"stakeholder groups?\b", dict(fr=r"groupes? de parties prenantes", es=r"grupos? de partes interesadas", ru=r"групп\w* заинтересованных сторон", zh=r"利益攸关方群体", ar=r"فئ(?:ة|ات|تي|تا|تين)\w* أصحاب المصلحة")),
 ("Government", r"\bGovernments?\b", dict(fr=r"[Gg]ouvernements?", es=r"[Gg]obiernos?", ru=r"[Пп]равительств", zh=r"政府", ar=r"حكوم")),
 ("Private sector", r"\bprivate sector\b", dict(fr=r"[Ss]ecteur privé", es=r"[Ss]ector privado", ru=r"[Чч]астн\w+ сектор", zh=r"私营部门", ar=r"القطاع الخاص")),
 ("Technical community", r"\btechnical community\b", dict(fr=r"[Cc]ommunauté technique", es=r"[Cc]omunidad técnica", ru=r"[Тт]ехническ\w+ сообществ", zh=r"技术界", ar=r"المجتمع التقني")),
 ("Civil society", r"\bcivil society\b", dict(fr=r"[Ss]ociété civile", es=r"[Ss]ociedad civil", ru=r"[Гг]ражданск\w+ обществ", zh=r"民间社会", ar=r"المجتمع المدني")),
 ("at-large", r"\bat[- ]large\b(?! engagement)", dict(fr=r"à titre individuel", es=r"a título individual", ru=r"в личном качестве", zh=r"以个人身份", ar=r"بصفت\w* الشخصية")),
 ("ex officio", r"\bex officio\b", dict(fr=r"de droit", es=r"\bnat[oa]s?\b|ex officio", ru=r"ex officio|по должности", zh=r"当然", ar=r"بحكم (?:منصب|مناصب|المنصب)")),
 ("multistakeholder", r"\bmulti-?stakeholder\b", dict(fr=r"multipartite", es=r"múltiples partes interesadas", ru=r"многосторонн|многих заинтересованных сторон", zh=r"多利益攸关方", ar=r"متعدد\w* أصحاب المصلحة")),
 ("African States", r"\bAfrican States\b", dict(fr=r"États d'Afrique", es=r"Estados de África", ru=r"Государств\w* Африки", zh=r"非洲国家", ar=r"الدول الأفريقية")),
 ("Asia-Pacific States", r"\bAsia-Pacific States\b", dict(fr=r"États d'Asie et du Pacifique", es=r"Estados de Asia y el Pacífico", ru=r"Государств\w* Азиатско-Тихоокеанского региона", zh=r"亚洲-太平洋国家", ar=r"دول آسيا والمحيط الهادئ")),
 ("Eastern European States", r"\bEastern European States\b", dict(fr=r"États d'Europe orientale", es=r"Estados de Europa Oriental", ru=r"Государств\w* Восточной Европы", zh=r"东欧国家", ar=r"دول أوروبا الشرقية")),
 ("GRULAC", r"\bLatin American and Caribbean States\b", dict(fr=r"États d'Amérique latine et des Caraïbes", es=r"Estados de América Latina y el Caribe", ru=r"Государств\w* Латинской Америки и Карибского бассейна", zh=r"拉丁美洲和加勒比国家", ar=r"دول أمريكا اللاتينية ومنطقة البحر الكاريبي")),
 ("WEOG", r"\bWestern European and other States\b", dict(fr=r"États d'Europe occidentale et autres États", es=r"Estados de Europa Occidental y otros Estados", ru=r"Государств\w* Западной Европы и других государств|Государства Западной Европы и другие государства", zh=r"西欧和其他国家", ar=r"دول أوروبا الغربية ودول أخرى")),
 ("Chair", r"\bChair(?:s|person)?\b(?!-)", dict(fr=r"[Pp]résident", es=r"[Pp]residen", ru=r"[Пп]редседател", zh=r"主席", ar=r"رئيس|الرئيس|رئاسة")),
 ("Vice-Chair", r"\bVice-Chairs?\b", dict(fr=r"[Vv]ice-[Pp]résident", es=r"[Vv]icepresiden", ru=r"[Зз]аместител\w* [Пп]редседател", zh=r"副主席", ar=r"نائب\w* الرئيس|نواب الرئيس")),
 ("Secretariat", r"\bSecretariat\b", dict(fr=r"[Ss]ecrétariat", es=r"[Ss]ecretaría", ru=r"[Сс]екретариат", zh=r"秘书处", ar=r"الأمانة|للأمانة|أمانة")),
 ("Secretary-General", r"\bSecretary-General\b", dict(fr=r"Secrétaire général", es=r"Secretario General", ru=r"Генеральн\w+ секретар", zh=r"秘书长", ar=r"الأمين العام|للأمين العام")),
 ("Leadership Panel", r"\bLeadership Panel\b", dict(fr=r"Groupe de haut niveau", es=r"Grupo de Alto Nivel", ru=r"Групп\w* высокого уровня", zh=r"领导小组", ar=r"الفريق الرفيع المستوى|للفريق الرفيع المستوى")),
 ("MAG", r"\bMAG\b|Multistakeholder Advisory Group", dict(fr=r"Groupe consultatif multipartite", es=r"Grupo Asesor de Múltiples Partes Interesadas", ru=r"Консультативн\w+ групп\w* многих заинтересованных сторон", zh=r"多利益攸关方咨询小组", ar=r"الفريق الاستشاري المتعدد أصحاب المصلحة")),
 ("IGF", r"\bIGF\b|Internet Governance Forum", dict(fr=r"FGI|Forum sur la gouvernance d'Internet", es=r"FGI|Foro para la Gobernanza de Internet", ru=r"ФУИ|Форум\w* по вопросам управления Интернетом", zh=r"互联网治理论坛", ar=r"منتدى إدارة الإنترنت")),
 ("Member State", r"\bMember States?\b", dict(fr=r"États? [Mm]embres?", es=r"Estados? Miembros?", ru=r"государств\w*(?:-| — )член", zh=r"会员国", ar=r"دول\w* (?:ال)?أعضاء|دولة عضو|الدولة العضو|للدولة العضو|الدول الأعضاء")),
 ("General Assembly", r"\bGeneral Assembly\b", dict(fr=r"Assemblée générale", es=r"Asamblea General", ru=r"Генеральн\w+ Ассамбле", zh=r"大会", ar=r"الجمعية العامة")),
 ("Envoy on Technology", r"Envoy on Technology", dict(fr=r"Envoyé(?:\(e\))?(?: du Secrétaire général)? pour les technologies", es=r"Enviado(?:\(a\))?(?: del Secretario General)? para la Tecnología", ru=r"Посланник\w*(?: Генерального секретаря)? по технологиям", zh=r"技术问题特使", ar=r"المبعوث المعني بالتكنولوجيا|مبعوث الأمين العام المعني بالتكنولوجيا")),
 # status names
 ("Draft", r"^Draft$", dict(fr=r"^Brouillon$", es=r"^Borrador$", ru=r"^Черновик$", zh=r"^草稿$", ar=r"^مسودة$")),
 ("Submitted", r"^Submitted$", dict(fr=r"^Soumise$", es=r"^Presentada$", ru=r"^Подана$", zh=r"^已提交$", ar=r"^مقدَّم$")),
 ("Withdrawn", r"^Withdrawn$", dict(fr=r"^Retirée$", es=r"^Retirada$", ru=r"^Отозвана$", zh=r"^已撤回$", ar=r"^مسحوب$")),
 ("Ineligible", r"\bIneligible\b", dict(fr=r"[Ii]rrecevable", es=r"[Nn]o admisible", ru=r"[Нн]е отвечает требованиям", zh=r"不符合资格", ar=r"غير مستوف")),
 ("Under review", r"\b[Uu]nder review\b", dict(fr=r"[Ee]n cours d.examen", es=r"[Ee]n examen", ru=r"[Нн]а рассмотрении|рассматриваем", zh=r"审查中", ar=r"قيد الاستعراض")),
 ("Shortlisted", r"^Shortlisted$", dict(fr=r"^Retenue sur la liste restreinte$", es=r"^Preseleccionada$", ru=r"^Включена в краткий список$", zh=r"^已列入短名单$", ar=r"^مدرج في القائمة المختصرة$")),
 ("Not shortlisted", r"^Not shortlisted$", dict(fr=r"^Non retenue$", es=r"^No preseleccionada$", ru=r"^Не включена в краткий список$", zh=r"^未列入短名单$", ar=r"^غير مدرج في القائمة المختصرة$")),
 ("Appointed", r"^Appointed$", dict(fr=r"^Nommée$", es=r"^Nombrada$", ru=r"^Назначена$", zh=r"^已任命$", ar=r"^معيَّن$")),
 ("Not appointed", r"^Not appointed$", dict(fr=r"^Non nommée$", es=r"^No nombrada$", ru=r"^Не назначена$", zh=r"^未任命$", ar=r"^غير معيَّن$")),
 # other seat/term terms
 ("shortlist", r"\bshort-?list(?:s|ed|ing)?\b", dict(fr=r"liste restreinte|retenu", es=r"lista corta|preseleccion", ru=r"(?i)кратк\w+ спис", zh=r"短名单", ar=r"المختصرة|مختصرة")),
 ("slate", r"\bslates?\b", dict(fr=r"listes? de candidats|liste", es=r"listas? de candidatos|lista", ru=r"(?i)спис", zh=r"候选名单", ar=r"قائم|قوائم")),
 ("self-nomination", r"\bself-nominat", dict(fr=r"candidature spontanée|candidatures spontanées", es=r"autopostulaci", ru=r"самовыдвижени", zh=r"自荐", ar=r"ترشيح\w* ذاتي|الترشيح الذاتي")),
 ("nominator", r"\bnominators?\b", dict(fr=r"auteur", es=r"proponente", ru=r"выдвинувш", zh=r"(?<!被)提名人", ar=r"المرشِّح|مرشِّح|الجهة المرشِّحة|الجهات المرشِّحة")),
 ("nominee", r"\bnominees?\b", dict(fr=r"candidat", es=r"candidat", ru=r"(?i)кандидат", zh=r"被提名人", ar=r"المرشَّح|مرشَّح|المرشح|مرشح")),
 ("nomination", r"\bnominations?\b", dict(fr=r"(?i)candidature", es=r"(?i)candidatura", ru=r"(?i)кандидатур|выдвижени", zh=r"提名", ar=r"ترشيح")),
 ("gender balance", r"gender balance", dict(fr=r"parité", es=r"equilibrio (?:regional y )?de género", ru=r"гендерн\w* баланс", zh=r"性别平衡", ar=r"توازن بين الجنسين")),
 ("regional balance", r"regional balance", dict(fr=r"équilibre régional", es=r"equilibrio regional", ru=r"региональн\w* баланс", zh=r"区域平衡", ar=r"التوازن الإقليمي")),
 ("seat", r"\bseats?\b", dict(fr=r"(?i)si[èe]ge", es=r"(?i)puesto", ru=r"(?i)мест", zh=r"席", ar=r"مقعد|مقاعد|المقعد|المقاعد")),
 ("term", r"\bterms? (?:of office|ends?|starts?|runs?|to|from)\b|\bterm\b(?! of)", dict(fr=r"mandat", es=r"mandato", ru=r"срок|полномочи", zh=r"任期", ar=r"ولاي")),
 # review of the nominations
 ("reviewer", r"\breviewers?\b", dict(fr=r"(?i)examinat", es=r"(?i)evaluador", ru=r"(?i)рецензент", zh=r"审查人", ar=r"مستعرض")),
 ("screening", r"\bscreen(?:ing|ed|s)?\b", dict(fr=r"(?i)recevab", es=r"(?i)admisib", ru=r"(?i)провер|требованиям", zh=r"筛选", ar=r"فحص|الفحص|يُفحص|افحص|مستوف")),
 ("conflict of interest", r"\bconflicts? of interest\b", dict(fr=r"conflit\w* d.intérêts", es=r"conflictos? de intereses", ru=r"конфликт\w* интересов", zh=r"利益冲突", ar=r"تضارب\w* المصالح")),
 ("call for nominations", r"\bcall for nominations\b", dict(fr=r"appel à candidatures", es=r"convocatoria de candidaturas", ru=r"призыв\w* к выдвижению кандидатур", zh=r"提名征集", ar=r"الدعوة إلى تقديم الترشيحات|دعوة إلى تقديم الترشيحات|للدعوة إلى تقديم الترشيحات")),
]


def pairs(language: str):
    """(English, translation) for each text of the catalog; a plural form beside its English form."""
    with open(CATALOGS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po, locale=language)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for form, text in enumerate(message.string):
                yield message.id[1] if form else message.id[0], text
        else:
            yield message.id, message.string


def deviations(language: str, names: list[str] | None = None) -> list[tuple[str, str, str]]:
    """(term, English, translation) where the translation lacks the glossary's form of the term."""
    texts = list(pairs(language))
    return [(name, english, text) for name, pattern, forms in TERMS if not names or name in names
            for english, text in texts if re.search(pattern, english) and not re.search(forms[language], text)]


if __name__ == "__main__":
    chosen = sys.argv[2].split(",") if len(sys.argv) > 2 else None
    for code in sys.argv[1].split(","):
        found = deviations(code, chosen)
        print(f"== {code}: {len(found)}", dict(Counter(name for name, *_ in found)))
        for name, english, text in found if chosen else []:
            print(f"[{name}] {english!r}\n    -> {text!r}")

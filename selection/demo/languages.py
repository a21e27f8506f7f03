"""The demo's open call in the six official languages: its title, description, privacy notice,
the name of its body and its stakeholder groups' names and eligibility (the call's
"missing translations" page lists nothing for it)."""
from __future__ import annotations

from selection.demo.privacy_texts import PRIVACY_NOTICES
from selection.models import Call

OPEN_CALL_TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Groupe de haut niveau du FGI 2027-2028 : appel à candidatures",
        "description": (
            "Le Groupe de haut niveau du Forum sur la gouvernance d'Internet (FGI) est un organe stratégique, "
            "doté de pouvoirs et multipartite, créé par le Secrétaire général de l'Organisation des Nations Unies "
            "pour traiter de questions stratégiques et urgentes et mettre en valeur les débats du Forum et les "
            "suites qui pourraient y être données, afin d'accroître l'impact et la diffusion des travaux du FGI.\n\n"
            "Le Groupe fournit des contributions et des conseils stratégiques sur le FGI ; promeut le FGI et ses "
            "résultats ; appuie la participation des parties prenantes de haut niveau et à titre individuel ainsi que "
            "les efforts de mobilisation de fonds du FGI ; et partage les résultats du FGI avec d'autres parties "
            "prenantes et instances compétentes.\n\n"
            "Les membres sont nommés pour un mandat de deux ans et sont censés assister aux réunions du Groupe, au "
            "moins trois fois par an (premier trimestre, deuxième trimestre et réunion annuelle du FGI). Le "
            "Secrétaire général arrête la composition du Groupe en tenant dûment compte de l'équilibre régional et "
            "de la parité entre les genres, sur recommandation du Secrétariat du FGI et du Bureau de l'Envoyé pour "
            "les technologies. Les fonctions de membre ne donnent lieu à aucun honoraire, cachet ni autre "
            "rémunération, et la qualité de membre est sans rapport avec les contributions financières aux travaux du FGI."
        ),
    },
    "es": {
        "title": "Grupo de Alto Nivel del FGI 2027-2028: convocatoria de candidaturas",
        "description": (
            "El Grupo de Alto Nivel del Foro para la Gobernanza de Internet (FGI) es un órgano estratégico, "
            "facultado y de múltiples partes interesadas, establecido por el Secretario General de las Naciones "
            "Unidas para abordar cuestiones estratégicas y urgentes y destacar los debates del Foro y las posibles "
            "medidas de seguimiento, a fin de promover una mayor repercusión y difusión de los debates del FGI.\n\n"
            "El Grupo aporta contribuciones y asesoramiento estratégicos sobre el FGI; promueve el FGI y sus "
            "resultados; apoya la participación de las partes interesadas de alto nivel y a título individual, así "
            "como las actividades de recaudación de fondos del FGI; e intercambia los resultados del FGI con otras "
            "partes interesadas y foros pertinentes.\n\n"
            "Los miembros desempeñan un mandato de dos años y se espera que asistan a las reuniones del Grupo, al "
            "menos tres al año (primer trimestre, segundo trimestre y reunión anual del FGI). El Secretario General "
            "decide la composición del Grupo teniendo debidamente en cuenta el equilibrio regional y de género, "
            "sobre la base de las recomendaciones de la Secretaría del FGI y de la Oficina del Enviado para la "
            "Tecnología. La condición de miembro no conlleva honorarios, emolumentos ni otra remuneración, y no "
            "guarda relación alguna con las contribuciones financieras a la labor del FGI."
        ),
    },
    "ru": {
        "title": "Группа высокого уровня ФУИ на 2027–2028 годы: призыв к выдвижению кандидатур",
        "description": (
            "Группа высокого уровня Форума по вопросам управления Интернетом (ФУИ) — стратегический, наделенный "
            "полномочиями многосторонний орган, учрежденный Генеральным секретарем Организации Объединенных Наций "
            "для рассмотрения стратегических и неотложных вопросов и освещения обсуждений на Форуме и возможных "
            "последующих мер в целях повышения отдачи от обсуждений ФУИ и их более широкого распространения.\n\n"
            "Группа вносит стратегический вклад и консультирует по вопросам ФУИ; содействует популяризации ФУИ и "
            "его итоговых документов; поддерживает участие заинтересованных сторон на высоком уровне и в личном "
            "качестве, а также усилия ФУИ по мобилизации средств; и обменивается итогами работы ФУИ с другими "
            "заинтересованными сторонами и соответствующими форумами.\n\n"
            "Члены Группы назначаются на двухлетний срок и должны участвовать в ее совещаниях, не менее трех раз в "
            "год (в первом квартале, во втором квартале и в ходе ежегодного совещания ФУИ). Генеральный секретарь "
            "определяет членский состав Группы с должным учетом регионального и гендерного баланса на основе "
            "рекомендаций секретариата ФУИ и Канцелярии Посланника по технологиям. Членство в Группе не "
            "предусматривает выплаты гонораров, вознаграждений или иного денежного возмещения и никак не связано "
            "с финансовыми взносами на деятельность ФУИ."
        ),
    },
    "zh": {
        "title": "互联网治理论坛领导小组（2027–2028年）：提名征集",
        "description": (
            "互联网治理论坛领导小组是联合国秘书长设立的一个具有战略性、获得授权的多利益攸关方机构，"
            "负责处理战略性和紧迫问题，突出论坛的讨论情况和可能的后续行动，以扩大互联网治理论坛讨论的影响和传播。\n\n"
            "领导小组就互联网治理论坛提供战略投入和咨询意见；宣传互联网治理论坛及其成果；"
            "支持高级别和以个人身份参与的利益攸关方的参与以及论坛的筹资工作；"
            "并与其他利益攸关方和相关论坛交流互联网治理论坛的成果。\n\n"
            "成员任期两年，应出席领导小组的会议，每年至少三次（第一季度、第二季度和互联网治理论坛年度会议期间）。"
            "秘书长根据互联网治理论坛秘书处和技术问题特使办公室的建议，在适当顾及区域和性别平衡的情况下决定成员组成。"
            "担任成员不领取酬金、费用或其他报酬，成员资格与对互联网治理论坛工作的财政捐款无任何关联。"
        ),
    },
    "ar": {
        "title": "الفريق الرفيع المستوى لمنتدى إدارة الإنترنت 2027–2028: دعوة لتقديم الترشيحات",
        "description": (
            "الفريق الرفيع المستوى لمنتدى إدارة الإنترنت هيئة استراتيجية متعددة أصحاب المصلحة ومخوّلة الصلاحيات، "
            "أنشأها الأمين العام للأمم المتحدة لمعالجة المسائل الاستراتيجية والعاجلة، وإبراز مناقشات المنتدى "
            "وإجراءات المتابعة الممكنة، من أجل تعزيز أثر مناقشات المنتدى ونشرها على نطاق أوسع.\n\n"
            "ويقدّم الفريق إسهامات ومشورة استراتيجية بشأن المنتدى؛ ويروّج للمنتدى ونواتجه؛ ويدعم مشاركة أصحاب "
            "المصلحة على المستوى الرفيع وبصفتهم الشخصية، وجهود المنتدى في مجال جمع الأموال؛ ويتبادل نواتج المنتدى "
            "مع أصحاب المصلحة الآخرين والمحافل ذات الصلة.\n\n"
            "ويعمل الأعضاء لولاية مدتها سنتان، ويُنتظر منهم حضور اجتماعات الفريق، ثلاث مرات في السنة على الأقل "
            "(في الربع الأول والربع الثاني وخلال الاجتماع السنوي للمنتدى). ويقرر الأمين العام تشكيل الفريق مع "
            "إيلاء الاعتبار الواجب للتوازن الإقليمي والتوازن بين الجنسين، بناءً على توصيات أمانة المنتدى ومكتب "
            "المبعوث المعني بالتكنولوجيا. ولا تترتب على العضوية أي أتعاب أو رسوم أو أجر آخر، ولا صلة بين العضوية "
            "والمساهمات المالية في أعمال المنتدى."
        ),
    },
}


BODY_NAMES = {
    "fr": "Groupe de haut niveau du FGI",
    "es": "Grupo de Alto Nivel del FGI",
    "ru": "Группа высокого уровня ФУИ",
    "zh": "互联网治理论坛领导小组",
    "ar": "الفريق الرفيع المستوى لمنتدى إدارة الإنترنت",
}

# Each stakeholder group's name and eligibility, by group code, in the glossary's terms.
GROUP_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "government": ("Gouvernements", "Représentants, de rang ministériel ou supérieur, des gouvernements des États "
                       "Membres de l'Organisation des Nations Unies ou d'organisations intergouvernementales "
                       "régionales dotées du statut d'observateur auprès de l'Assemblée générale."),
        "private_sector": ("Secteur privé", "Représentants du secteur privé au niveau de directeur général "
                           "(ou de son adjoint)."),
        "technical_community": ("Communauté technique", "Représentants de la communauté technique au niveau de "
                                "directeur général (ou de son adjoint)."),
        "civil_society": ("Société civile", "Représentants de la société civile au niveau de directeur général "
                          "(ou de son adjoint)."),
        "at_large": ("Membres siégeant à titre individuel", "Personnalités éminentes ou de premier plan qui ne "
                     "relèvent pas des autres groupes de parties prenantes."),
    },
    "es": {
        "government": ("Gobiernos", "Representantes de nivel ministerial o superior de los Gobiernos de los Estados "
                       "Miembros de las Naciones Unidas o de organizaciones intergubernamentales regionales que "
                       "tengan la condición de observador en la Asamblea General."),
        "private_sector": ("Sector privado", "Representantes del sector privado de nivel de director ejecutivo "
                           "(o de su adjunto)."),
        "technical_community": ("Comunidad técnica", "Representantes de la comunidad técnica de nivel de director "
                                "ejecutivo (o de su adjunto)."),
        "civil_society": ("Sociedad civil", "Representantes de la sociedad civil de nivel de director ejecutivo "
                          "(o de su adjunto)."),
        "at_large": ("Miembros a título individual", "Personalidades distinguidas o destacadas que no pertenecen a "
                     "los demás grupos de partes interesadas."),
    },
    "ru": {
        "government": ("Правительства", "Представители правительств государств — членов Организации Объединенных "
                       "Наций или региональных межправительственных организаций, имеющих статус наблюдателя при "
                       "Генеральной Ассамблее, в ранге министра или выше."),
        "private_sector": ("Частный сектор", "Представители частного сектора на уровне руководителя организации "
                           "(или его заместителя)."),
        "technical_community": ("Техническое сообщество", "Представители технического сообщества на уровне "
                                "руководителя организации (или его заместителя)."),
        "civil_society": ("Гражданское общество", "Представители гражданского общества на уровне руководителя "
                          "организации (или его заместителя)."),
        "at_large": ("Члены, выступающие в личном качестве", "Видные или выдающиеся деятели, не относящиеся к "
                     "другим группам заинтересованных сторон."),
    },
    "zh": {
        "government": ("政府", "联合国会员国政府或在大会具有观察员地位的区域政府间组织的部长级或以上代表。"),
        "private_sector": ("私营部门", "私营部门的首席执行官级（或副手级）代表。"),
        "technical_community": ("技术界", "技术界的首席执行官级（或副手级）代表。"),
        "civil_society": ("民间社会", "民间社会的首席执行官级（或副手级）代表。"),
        "at_large": ("以个人身份任职的成员", "不属于其他利益攸关方群体的杰出人士或知名人士。"),
    },
    "ar": {
        "government": ("الحكومات", "ممثلو حكومات الدول الأعضاء في الأمم المتحدة، أو المنظمات الحكومية الدولية "
                       "الإقليمية التي تتمتع بمركز المراقب لدى الجمعية العامة، على المستوى الوزاري أو ما فوقه."),
        "private_sector": ("القطاع الخاص", "ممثلو القطاع الخاص على مستوى الرئيس التنفيذي (أو نائبه)."),
        "technical_community": ("المجتمع التقني", "ممثلو المجتمع التقني على مستوى الرئيس التنفيذي (أو نائبه)."),
        "civil_society": ("المجتمع المدني", "ممثلو المجتمع المدني على مستوى الرئيس التنفيذي (أو نائبه)."),
        "at_large": ("أعضاء بصفتهم الشخصية", "شخصيات بارزة أو مرموقة لا تندرج ضمن فئات أصحاب المصلحة الأخرى."),
    },
}

def translate_open_call(call: Call) -> None:
    """Give the demo's open call its texts in the five other languages: title, description,
    privacy notice, the body's name, and each stakeholder group's name and eligibility."""
    for language, texts in OPEN_CALL_TEXTS.items():
        for field, text in texts.items():
            call.set_text(field, language, text)
        call.set_text("body", language, BODY_NAMES[language])
        call.set_text("privacy_notice", language, PRIVACY_NOTICES[language].format(months=call.retention_months))
        for group in call.groups:
            if group.code in GROUP_TEXTS[language]:
                name, eligibility = GROUP_TEXTS[language][group.code]
                group.set_text("name", language, name)
                group.set_text("eligibility", language, eligibility)

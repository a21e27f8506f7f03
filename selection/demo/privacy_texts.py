"""The privacy notice of the demo's open call in the five languages other than English (the
English one is ``call_templates.PRIVACY_NOTICE``); ``{months}`` is the call's retention period."""
from __future__ import annotations

PRIVACY_NOTICES: dict[str, str] = {
    "fr": (
        "L'appel à candidatures du Groupe de haut niveau du FGI recueille les données personnelles que vous "
        "fournissez dans une candidature : nom, coordonnées, nationalité, pays de résidence, genre, organisation "
        "et fonction, biographie, motivation, CV et réponses aux questions de l'appel.\n\n"
        "Les données servent uniquement à vérifier la recevabilité, à examiner les candidatures et à choisir les "
        "membres du Groupe de haut niveau du FGI. Elles sont consultées par le Secrétariat du FGI, les "
        "examinateurs et les organes de recommandation de cet appel et les personnes qui arrêtent la composition "
        "du Groupe, et par personne d'autre. Des chiffres agrégés (par exemple, le nombre de candidatures par "
        "région) peuvent être publiés ; les candidatures individuelles ne le sont pas.\n\n"
        "Les candidatures sont conservées {months} mois après la clôture de l'appel, puis supprimées ; les noms "
        "des membres nommés et la décision restent consignés. Vous pouvez demander à consulter, rectifier ou "
        "supprimer vos données, ou retirer votre candidature, à tout moment avant la décision en écrivant au "
        "Secrétariat du FGI."
    ),
    "es": (
        "La convocatoria de candidaturas del Grupo de Alto Nivel del FGI recoge los datos personales que usted "
        "facilita en una candidatura: nombre, datos de contacto, nacionalidad, país de residencia, género, "
        "organización y cargo, biografía, motivación, CV y respuestas a las preguntas de la convocatoria.\n\n"
        "Los datos sirven únicamente para verificar la admisibilidad, examinar las candidaturas y seleccionar a "
        "los miembros del Grupo de Alto Nivel del FGI. Los consultan la Secretaría del FGI, los examinadores y "
        "los órganos de recomendación de esta convocatoria y las personas que deciden la composición del Grupo, "
        "y nadie más. Pueden publicarse cifras agregadas (por ejemplo, el número de candidaturas por región); "
        "las candidaturas individuales, no.\n\n"
        "Las candidaturas se conservan durante {months} meses tras el cierre de la convocatoria y después se "
        "eliminan; los nombres de los miembros nombrados y la decisión quedan registrados. Puede solicitar "
        "consultar, rectificar o suprimir sus datos, o retirar su candidatura, en cualquier momento antes de la "
        "decisión, escribiendo a la Secretaría del FGI."
    ),
    "ru": (
        "В ходе призыва к выдвижению кандидатур в Группу высокого уровня ФУИ собираются персональные данные, "
        "которые вы указываете в кандидатуре: имя, контактные данные, гражданство, страна проживания, пол, "
        "организация и должность, биография, мотивация, резюме и ответы на вопросы призыва.\n\n"
        "Данные используются только для проверки соответствия требованиям, рассмотрения кандидатур и отбора "
        "членов Группы высокого уровня ФУИ. С ними знакомятся секретариат ФУИ, рецензенты и рекомендующие органы "
        "этого призыва и лица, принимающие решение о членском составе, и никто иной. Могут публиковаться "
        "обобщенные данные (например, число кандидатур по регионам); отдельные кандидатуры не публикуются.\n\n"
        "Кандидатуры хранятся в течение {months} месяцев после завершения призыва, а затем удаляются; имена "
        "назначенных членов и решение сохраняются в документации. Вы можете в любое время до принятия решения "
        "попросить ознакомить вас с вашими данными, исправить или удалить их либо отозвать свою кандидатуру, "
        "написав в секретариат ФУИ."
    ),
    "zh": (
        "互联网治理论坛领导小组提名征集收集您在提名中提供的个人数据：姓名、联系方式、国籍、居住国、性别、"
        "组织和职位、简历、动机陈述、履历以及对征集所提问题的回答。\n\n"
        "这些数据仅用于评估资格、审查提名和遴选互联网治理论坛领导小组成员。查看这些数据的只有互联网治理论坛秘书处、"
        "本次征集的审查人和建议机构以及决定成员组成的人员，其他任何人均不得查看。可公布汇总数字"
        "（例如按区域分列的提名数目），但不公布个人提名。\n\n"
        "提名在征集截止后保存{months}个月，然后删除；被任命成员的姓名和决定将保留在记录中。"
        "在作出决定之前，您可随时致函互联网治理论坛秘书处，要求查阅、更正或删除您的数据，或撤回您的提名。"
    ),
    "ar": (
        "تجمع الدعوة إلى تقديم الترشيحات لعضوية الفريق الرفيع المستوى لمنتدى إدارة الإنترنت البيانات الشخصية "
        "التي تقدّمها في الترشيح: الاسم، وبيانات الاتصال، والجنسية، وبلد الإقامة، ونوع الجنس، والمنظمة "
        "والمنصب، والسيرة الذاتية الموجزة، وبيان الدوافع، والسيرة الذاتية، والإجابات عن أسئلة الدعوة.\n\n"
        "ولا تُستخدم البيانات إلا لتقييم الأهلية واستعراض الترشيحات واختيار أعضاء الفريق الرفيع المستوى لمنتدى "
        "إدارة الإنترنت. ولا يطّلع عليها إلا أمانة المنتدى، والمستعرضون والهيئات المقدِّمة للتوصيات في هذه "
        "الدعوة، والأشخاص الذين يقررون تشكيل الفريق. ويجوز نشر أرقام إجمالية (مثل عدد الترشيحات حسب المنطقة)، "
        "أما الترشيحات الفردية فلا تُنشر.\n\n"
        "وتُحفظ الترشيحات مدة {months} شهرًا بعد إغلاق الدعوة، ثم تُحذف؛ وتبقى أسماء الأعضاء المعيَّنين والقرار "
        "مسجلة. ويجوز لك أن تطلب الاطلاع على بياناتك أو تصحيحها أو حذفها، أو أن تسحب ترشيحك، في أي وقت قبل "
        "اتخاذ القرار، بالكتابة إلى أمانة المنتدى."
    ),
}

"""Fill the new language columns of the shipped topics and criteria.

English moves into ``name_en``, ``description_en``, ``label_en`` and ``text_en``
(modeltranslation falls back to English, never to the original column). The other languages
are frozen below; until now they were gettext messages (``legislation/reference_messages.py``
and the ``.po`` files), from which this text was taken, with the long forms of "CSAM" in
Spanish and Russian topic names. A row a curator already translated keeps its wording.
"""

from django.db import migrations

FIELDS = {"Topic": ("name", "description"), "Criterion": ("label", "text")}

# model → slug → column → text (not yet reviewed by native speakers)
TRANSLATIONS = {
    "Topic": {
        "csam-definition": {
            "name_ar": "تعريف مواد الاعتداء الجنسي على الأطفال",
            "description_ar": "ما يعدّه القانون من مواد الاعتداء الجنسي على الأطفال، والسنّ التي يُعدّ الشخص دونها طفلًا.",
            "name_zh_hans": "儿童性虐待材料的定义",
            "description_zh_hans": "法律将哪些内容视为儿童性虐待材料，以及未满多少岁者属于儿童。",
            "name_fr": "Définition du matériel d'abus sexuels sur enfants",
            "description_fr": "Ce que la loi considère comme du matériel d'abus sexuels sur enfants, et jusqu'à quel âge une personne est un enfant.",
            "name_ru": "Определение материалов сексуального насилия над детьми",
            "description_ru": "Что закон считает материалами сексуального насилия над детьми и до какого возраста лицо считается ребёнком.",
            "name_es": "Definición de material de abuso sexual infantil",
            "description_es": "Qué considera la ley material de abuso sexual infantil y hasta qué edad una persona es menor."
        },
        "possession": {
            "name_ar": "الحيازة",
            "description_ar": "حيازة مواد الاعتداء الجنسي على الأطفال، سواء أكان الحائز ينوي تمريرها أم لا.",
            "name_zh_hans": "持有",
            "description_zh_hans": "持有儿童性虐待材料，无论持有人是否意图传播。",
            "name_fr": "Détention",
            "description_fr": "Détenir du matériel d'abus sexuels sur enfants, que le détenteur entende ou non le diffuser.",
            "name_ru": "Хранение",
            "description_ru": "Хранение МСНД независимо от того, намерен ли владелец их распространять.",
            "name_es": "Posesión",
            "description_es": "Tener MASI, con o sin intención de transmitirlo."
        },
        "access": {
            "name_ar": "الوصول",
            "description_ar": "مشاهدة مواد الاعتداء الجنسي على الأطفال أو الوصول إليها عبر الإنترنت عن علم دون تنزيلها.",
            "name_zh_hans": "访问",
            "description_zh_hans": "在线故意浏览或获取儿童性虐待材料而未下载。",
            "name_fr": "Accès",
            "description_fr": "Consulter ou obtenir sciemment l'accès en ligne à du matériel d'abus sexuels sur enfants sans le télécharger.",
            "name_ru": "Доступ",
            "description_ru": "Заведомый просмотр МСНД или получение доступа к ним в интернете без скачивания.",
            "name_es": "Acceso",
            "description_es": "Ver u obtener acceso a MASI en línea a sabiendas, sin descargarlo."
        },
        "production": {
            "name_ar": "الإنتاج",
            "description_ar": "صنع مواد الاعتداء الجنسي على الأطفال.",
            "name_zh_hans": "制作",
            "description_zh_hans": "制作儿童性虐待材料。",
            "name_fr": "Production",
            "description_fr": "Produire du matériel d'abus sexuels sur enfants.",
            "name_ru": "Изготовление",
            "description_ru": "Изготовление МСНД.",
            "name_es": "Producción",
            "description_es": "Elaborar MASI."
        },
        "distribution": {
            "name_ar": "التوزيع",
            "description_ar": "عرض مواد الاعتداء الجنسي على الأطفال أو مشاركتها أو توريدها أو إتاحتها.",
            "name_zh_hans": "传播",
            "description_zh_hans": "提供、分享、供应或以其他方式使他人可获取儿童性虐待材料。",
            "name_fr": "Diffusion",
            "description_fr": "Offrir, partager, fournir ou rendre disponible du matériel d'abus sexuels sur enfants.",
            "name_ru": "Распространение",
            "description_ru": "Предложение, передача, предоставление МСНД или обеспечение доступа к ним.",
            "name_es": "Distribución",
            "description_es": "Ofrecer, compartir, suministrar o poner a disposición MASI."
        },
        "ai-generated-material": {
            "name_ar": "المواد المولَّدة بالذكاء الاصطناعي أو الواقعية",
            "description_ar": "مواد اصطناعية أو مولَّدة حاسوبيًا تصوّر طفلًا، بما في ذلك الصور الواقعية لأطفال غير موجودين.",
            "name_zh_hans": "人工智能生成或逼真的材料",
            "description_zh_hans": "描绘儿童的合成或计算机生成材料，包括并不存在的儿童的逼真图像。",
            "name_fr": "Matériel généré par IA ou réaliste",
            "description_fr": "Matériel synthétique ou généré par ordinateur représentant un enfant, y compris des images réalistes d'enfants qui n'existent pas.",
            "name_ru": "Материалы, созданные ИИ, или реалистичные материалы",
            "description_ru": "Синтетические или созданные компьютером материалы с изображением ребёнка, в том числе реалистичные изображения несуществующих детей.",
            "name_es": "Material generado por IA o realista",
            "description_es": "Material sintético o generado por ordenador que representa a un menor, incluidas imágenes realistas de menores que no existen."
        },
        "drawings": {
            "name_ar": "الرسوم والتصويرات غير الواقعية",
            "description_ar": "الرسوم الكرتونية والرسومات وغيرها من التصويرات غير الواقعية فوتوغرافيًا.",
            "name_zh_hans": "绘画及非写实描绘",
            "description_zh_hans": "卡通、绘画及其他非照片级写实的描绘。",
            "name_fr": "Dessins et représentations non réalistes",
            "description_fr": "Dessins animés, dessins et autres représentations non photoréalistes.",
            "name_ru": "Рисунки и нереалистичные изображения",
            "description_ru": "Мультипликация, рисунки и другие изображения, не являющиеся фотореалистичными.",
            "name_es": "Dibujos y representaciones no realistas",
            "description_es": "Dibujos animados, dibujos y otras representaciones que no son fotorrealistas."
        },
        "grooming": {
            "name_ar": "استدراج الأطفال",
            "description_ar": "استدراج طفل لأغراض جنسية، عبر الإنترنت أو خارجه.",
            "name_zh_hans": "诱骗儿童",
            "description_zh_hans": "在线上或线下以性为目的引诱儿童。",
            "name_fr": "Pédopiégeage",
            "description_fr": "Sollicitation d'un enfant à des fins sexuelles, en ligne ou hors ligne.",
            "name_ru": "Груминг",
            "description_ru": "Склонение ребёнка к действиям сексуального характера в интернете или офлайн.",
            "name_es": "Grooming (ciberacoso sexual infantil)",
            "description_es": "Solicitar a un menor con fines sexuales, en línea o fuera de línea."
        },
        "sextortion": {
            "name_ar": "الابتزاز الجنسي",
            "description_ar": "التهديد بنشر صور جنسية لابتزاز مزيد من الصور أو المال أو الأفعال.",
            "name_zh_hans": "性勒索",
            "description_zh_hans": "以分享性图像相威胁，勒索更多图像、金钱或行为。",
            "name_fr": "Sextorsion",
            "description_fr": "Menacer de partager des images sexuelles pour extorquer d'autres images, de l'argent ou des actes.",
            "name_ru": "Секс-вымогательство",
            "description_ru": "Угроза распространить изображения сексуального характера с целью вымогательства новых изображений, денег или действий.",
            "name_es": "Sextorsión",
            "description_es": "Amenazar con difundir imágenes sexuales para extorsionar y obtener más imágenes, dinero o actos."
        },
        "live-streaming": {
            "name_ar": "الاعتداء المبثوث مباشرةً",
            "description_ar": "اعتداء يُبثّ مباشرةً ويُشاهَد أو يُوجَّه عن بُعد.",
            "name_zh_hans": "直播性虐待",
            "description_zh_hans": "实时播出并被远程观看或指挥的虐待行为。",
            "name_fr": "Abus diffusés en direct",
            "description_fr": "Abus diffusés en direct et regardés ou dirigés à distance.",
            "name_ru": "Насилие в прямой трансляции",
            "description_ru": "Насилие, транслируемое в прямом эфире и просматриваемое или направляемое дистанционно.",
            "name_es": "Abuso transmitido en directo",
            "description_es": "Abuso emitido en directo y visto o dirigido a distancia."
        },
        "intimate-images-deepfakes": {
            "name_ar": "الصور الحميمة والتزييف العميق",
            "description_ar": "مشاركة صور حميمة دون موافقة، بما في ذلك الصور المفبركة.",
            "name_zh_hans": "私密图像与深度伪造",
            "description_zh_hans": "未经同意分享私密图像，包括伪造的图像。",
            "name_fr": "Images intimes et hypertrucages",
            "description_fr": "Partage d'images intimes sans consentement, y compris d'images fabriquées.",
            "name_ru": "Интимные изображения и дипфейки",
            "description_ru": "Распространение интимных изображений без согласия, в том числе сфабрикованных.",
            "name_es": "Imágenes íntimas y deepfakes",
            "description_es": "Difundir imágenes íntimas sin consentimiento, incluidas las fabricadas."
        },
        "paedophile-manuals": {
            "name_ar": "أدلة إرشادية لمشتهي الأطفال",
            "description_ar": "مواد ترشد إلى كيفية الاعتداء على الأطفال أو تفادي الكشف.",
            "name_zh_hans": "恋童癖手册",
            "description_zh_hans": "传授如何虐待儿童或逃避侦查的材料。",
            "name_fr": "Manuels pédocriminels",
            "description_fr": "Matériel expliquant comment abuser d'enfants ou échapper à la détection.",
            "name_ru": "Педофильские руководства",
            "description_ru": "Материалы с советами о том, как совершать насилие над детьми или избегать обнаружения.",
            "name_es": "Manuales de pederastia",
            "description_es": "Material que aconseja cómo abusar de menores o evitar la detección."
        },
        "ai-generator-tools": {
            "name_ar": "أدوات التوليد بالذكاء الاصطناعي",
            "description_ar": "نماذج أو خدمات مصمَّمة أو مضبوطة لإنشاء مواد الاعتداء الجنسي على الأطفال.",
            "name_zh_hans": "人工智能生成工具",
            "description_zh_hans": "为生成儿童性虐待材料而构建或调整的模型或服务。",
            "name_fr": "Outils de génération par IA",
            "description_fr": "Modèles ou services conçus ou ajustés pour créer du matériel d'abus sexuels sur enfants.",
            "name_ru": "Инструменты генерации на основе ИИ",
            "description_ru": "Модели или сервисы, созданные или настроенные для создания МСНД.",
            "name_es": "Herramientas generadoras de IA",
            "description_es": "Modelos o servicios creados o ajustados para generar MASI."
        },
        "provider-reporting": {
            "name_ar": "إبلاغ مزوّدي الخدمات",
            "description_ar": "واجبات مزوّدي الخدمات عبر الإنترنت في الإبلاغ عن المواد المشتبه في أنها مواد اعتداء جنسي على الأطفال.",
            "name_zh_hans": "服务提供者报告",
            "description_zh_hans": "在线服务提供者报告疑似儿童性虐待材料的义务。",
            "name_fr": "Signalement par les fournisseurs",
            "description_fr": "Obligations des fournisseurs de services en ligne de signaler les soupçons de matériel d'abus sexuels sur enfants.",
            "name_ru": "Сообщения от провайдеров",
            "description_ru": "Обязанности провайдеров онлайн-услуг сообщать о предполагаемых МСНД.",
            "name_es": "Denuncia por los proveedores",
            "description_es": "Obligaciones de los proveedores de servicios en línea de denunciar presunto MASI."
        },
        "removal": {
            "name_ar": "الإزالة",
            "description_ar": "واجبات أو صلاحيات إزالة مواد الاعتداء الجنسي على الأطفال أو غيرها من المحتوى غير القانوني.",
            "name_zh_hans": "删除",
            "description_zh_hans": "删除儿童性虐待材料或其他非法内容的义务或权力。",
            "name_fr": "Retrait",
            "description_fr": "Obligations ou pouvoirs de retirer du matériel d'abus sexuels sur enfants ou d'autres contenus illicites.",
            "name_ru": "Удаление",
            "description_ru": "Обязанности или полномочия по удалению МСНД или иного незаконного контента.",
            "name_es": "Retirada",
            "description_es": "Obligaciones o facultades para retirar MASI u otros contenidos ilícitos."
        },
        "detection": {
            "name_ar": "الكشف",
            "description_ar": "واجبات المزوّدين أو الأذونات الممنوحة لهم لكشف مواد الاعتداء الجنسي على الأطفال أو الاستدراج على خدماتهم.",
            "name_zh_hans": "检测",
            "description_zh_hans": "服务提供者在其服务中检测儿童性虐待材料或诱骗儿童行为的义务或许可。",
            "name_fr": "Détection",
            "description_fr": "Obligations ou autorisations pour les fournisseurs de détecter le matériel d'abus sexuels sur enfants ou le pédopiégeage sur leurs services.",
            "name_ru": "Обнаружение",
            "description_ru": "Обязанности или разрешения провайдеров выявлять МСНД или груминг в своих сервисах.",
            "name_es": "Detección",
            "description_es": "Obligaciones o autorizaciones de los proveedores para detectar MASI o grooming en sus servicios."
        },
        "blocking": {
            "name_ar": "الحجب",
            "description_ar": "تدابير تحجب الوصول إلى مواد الاعتداء الجنسي على الأطفال التي لا يمكن إزالتها من مصدرها.",
            "name_zh_hans": "屏蔽",
            "description_zh_hans": "屏蔽无法从源头删除的儿童性虐待材料的措施。",
            "name_fr": "Blocage",
            "description_fr": "Mesures bloquant l'accès au matériel d'abus sexuels sur enfants qui ne peut pas être retiré à la source.",
            "name_ru": "Блокировка",
            "description_ru": "Меры по блокировке доступа к МСНД, которые невозможно удалить в источнике.",
            "name_es": "Bloqueo",
            "description_es": "Medidas que bloquean el acceso a MASI que no puede retirarse en origen."
        },
        "age-verification": {
            "name_ar": "التحقق من العمر",
            "description_ar": "فحوص العمر أو ضمان العمر المفروضة على الخدمات.",
            "name_zh_hans": "年龄验证",
            "description_zh_hans": "要求服务进行年龄核查或年龄保证。",
            "name_fr": "Vérification de l'âge",
            "description_fr": "Contrôles ou garanties d'âge imposés aux services.",
            "name_ru": "Проверка возраста",
            "description_ru": "Проверка или подтверждение возраста, требуемые от сервисов.",
            "name_es": "Verificación de edad",
            "description_es": "Comprobaciones o garantías de edad exigidas a los servicios."
        },
        "data-retention": {
            "name_ar": "الاحتفاظ بالبيانات",
            "description_ar": "المدة التي يحتفظ خلالها المزوّدون، أو يجوز لهم الاحتفاظ، بالبيانات التي تحتاجها التحقيقات.",
            "name_zh_hans": "数据留存",
            "description_zh_hans": "服务提供者保存或可保存调查所需数据的期限。",
            "name_fr": "Conservation des données",
            "description_fr": "Durée pendant laquelle les fournisseurs conservent ou peuvent conserver les données nécessaires aux enquêtes.",
            "name_ru": "Хранение данных",
            "description_ru": "Как долго провайдеры хранят или могут хранить данные, необходимые для расследований.",
            "name_es": "Conservación de datos",
            "description_es": "Cuánto tiempo conservan o pueden conservar los proveedores los datos que necesitan las investigaciones."
        },
        "hotline-mandate": {
            "name_ar": "ولاية خطوط الإبلاغ الساخنة",
            "description_ar": "أساس قانوني يخوّل خطوط الإبلاغ الساخنة تلقّي البلاغات عن مواد الاعتداء الجنسي على الأطفال وتقييمها.",
            "name_zh_hans": "举报热线授权",
            "description_zh_hans": "举报热线接收和评估儿童性虐待材料举报的法律依据。",
            "name_fr": "Mandat des lignes de signalement",
            "description_fr": "Base juridique permettant aux lignes de signalement de recevoir et d'évaluer les signalements de matériel d'abus sexuels sur enfants.",
            "name_ru": "Мандат горячих линий",
            "description_ru": "Правовая основа для приёма и оценки горячими линиями сообщений о МСНД.",
            "name_es": "Mandato de las líneas de denuncia",
            "description_es": "Una base jurídica para que las líneas de denuncia reciban y evalúen denuncias de MASI."
        },
        "ai-content-labelling": {
            "name_ar": "وسم المحتوى المولَّد بالذكاء الاصطناعي",
            "description_ar": "واجبات وسم المحتوى المولَّد بالذكاء الاصطناعي أو الإفصاح عن التزييف العميق، مما يساعد على تمييز المواد الاصطناعية من الحقيقية.",
            "name_zh_hans": "人工智能生成内容的标识",
            "description_zh_hans": "标注人工智能生成内容或披露深度伪造的义务，有助于区分合成材料与真实材料。",
            "name_fr": "Étiquetage des contenus générés par IA",
            "description_fr": "Obligations de signaler les contenus générés par IA ou de révéler les hypertrucages, ce qui aide à distinguer le matériel synthétique du réel.",
            "name_ru": "Маркировка контента, созданного ИИ",
            "description_ru": "Обязанности маркировать контент, созданный ИИ, или раскрывать дипфейки, что помогает отличать синтетические материалы от реальных.",
            "name_es": "Etiquetado del contenido generado por IA",
            "description_es": "Obligaciones de marcar el contenido generado por IA o revelar los deepfakes, lo que ayuda a distinguir el material sintético del real."
        },
        "ai-law-enforcement": {
            "name_ar": "الذكاء الاصطناعي في إنفاذ القانون",
            "description_ar": "قواعد استخدام أنظمة الذكاء الاصطناعي من جانب الشرطة وسائر أجهزة إنفاذ القانون.",
            "name_zh_hans": "执法中的人工智能",
            "description_zh_hans": "关于警察及其他执法机构使用人工智能系统的规定。",
            "name_fr": "IA dans les services répressifs",
            "description_fr": "Règles sur l'utilisation des systèmes d'IA par la police et les autres services répressifs.",
            "name_ru": "ИИ в правоохранительной деятельности",
            "description_ru": "Правила использования систем ИИ полицией и другими правоохранительными органами.",
            "name_es": "IA en las fuerzas del orden",
            "description_es": "Normas sobre el uso de sistemas de IA por la policía y otros cuerpos de las fuerzas del orden."
        }
    },
    "Criterion": {
        "icmec-legislation": {
            "label_ar": "قانون مواد الاعتداء الجنسي على الأطفال",
            "text_ar": "يوجد تشريع وطني يتناول تحديدًا مواد الاعتداء الجنسي على الأطفال.",
            "label_zh_hans": "儿童性虐待材料法律",
            "text_zh_hans": "国家立法中有专门针对儿童性虐待材料的规定。",
            "label_fr": "Loi sur le matériel d'abus",
            "text_fr": "Il existe une législation nationale portant spécifiquement sur le matériel d'abus sexuels sur enfants.",
            "label_ru": "Закон о МСНД",
            "text_ru": "Существует национальное законодательство, специально касающееся материалов сексуального насилия над детьми.",
            "label_es": "Ley sobre MASI",
            "text_es": "Existe legislación nacional referida específicamente al material de abuso sexual infantil."
        },
        "icmec-definition": {
            "label_ar": "التعريف",
            "text_ar": "يتضمّن التشريع الوطني تعريفًا لمواد الاعتداء الجنسي على الأطفال.",
            "label_zh_hans": "定义",
            "text_zh_hans": "国家立法对儿童性虐待材料作出了定义。",
            "label_fr": "Définition",
            "text_fr": "La législation nationale définit le matériel d'abus sexuels sur enfants.",
            "label_ru": "Определение",
            "text_ru": "Национальное законодательство содержит определение материалов сексуального насилия над детьми.",
            "label_es": "Definición",
            "text_es": "La legislación nacional ofrece una definición de material de abuso sexual infantil."
        },
        "icmec-technology": {
            "label_ar": "الجرائم التقنية",
            "text_ar": "يجرّم التشريع الوطني جرائم مواد الاعتداء الجنسي على الأطفال المرتكبة بواسطة التكنولوجيا.",
            "label_zh_hans": "技术相关犯罪",
            "text_zh_hans": "国家立法将借助技术实施的儿童性虐待材料犯罪规定为刑事犯罪。",
            "label_fr": "Infractions technologiques",
            "text_fr": "La législation nationale incrimine les infractions liées au matériel d'abus sexuels sur enfants commises au moyen des technologies.",
            "label_ru": "Технологические преступления",
            "text_ru": "Национальное законодательство криминализирует преступления, связанные с МСНД и совершённые с использованием технологий.",
            "label_es": "Delitos tecnológicos",
            "text_es": "La legislación nacional tipifica los delitos de MASI facilitados por la tecnología."
        },
        "icmec-possession": {
            "label_ar": "الحيازة",
            "text_ar": "يجرّم التشريع الوطني الحيازة عن علم لمواد الاعتداء الجنسي على الأطفال، بصرف النظر عن نية التوزيع.",
            "label_zh_hans": "持有",
            "text_zh_hans": "国家立法将故意持有儿童性虐待材料规定为刑事犯罪，无论是否意图传播。",
            "label_fr": "Détention",
            "text_fr": "La législation nationale incrimine la détention en connaissance de cause de matériel d'abus sexuels sur enfants, indépendamment de l'intention de le diffuser.",
            "label_ru": "Хранение",
            "text_ru": "Национальное законодательство криминализирует заведомое хранение МСНД независимо от намерения распространять.",
            "label_es": "Posesión",
            "text_es": "La legislación nacional tipifica la posesión consciente de MASI, con independencia de la intención de distribuirlo."
        },
        "icmec-isp-reporting": {
            "label_ar": "إبلاغ مزوّدي خدمة الإنترنت",
            "text_ar": "يُلزم التشريع الوطني مزوّدي خدمة الإنترنت بإبلاغ جهات إنفاذ القانون أو جهة أخرى مخوّلة عن المواد المشتبه في أنها مواد اعتداء جنسي على الأطفال.",
            "label_zh_hans": "互联网服务提供者报告",
            "text_zh_hans": "国家立法要求互联网服务提供者向执法机构或其他指定机构报告疑似儿童性虐待材料。",
            "label_fr": "Signalement par les FAI",
            "text_fr": "La législation nationale oblige les fournisseurs d'accès à internet à signaler les soupçons de matériel d'abus sexuels sur enfants aux forces de l'ordre ou à un autre organisme habilité.",
            "label_ru": "Сообщения от интернет-провайдеров",
            "text_ru": "Национальное законодательство обязывает интернет-провайдеров сообщать о предполагаемых МСНД в правоохранительные органы или другое уполномоченное ведомство.",
            "label_es": "Denuncia por los ISP",
            "text_es": "La legislación nacional obliga a los proveedores de servicios de internet a denunciar presunto MASI a las fuerzas del orden o a otro organismo designado."
        },
        "portal-ai-material": {
            "label_ar": "المواد المولَّدة بالذكاء الاصطناعي",
            "text_ar": "تُجرَّم المواد الاصطناعية المولَّدة بالذكاء الاصطناعي أو الواقعية التي تصوّر أطفالًا.",
            "label_zh_hans": "人工智能材料",
            "text_zh_hans": "描绘儿童的人工智能生成或逼真合成材料被规定为刑事犯罪。",
            "label_fr": "Matériel par IA",
            "text_fr": "Le matériel synthétique généré par IA ou réaliste représentant des enfants est incriminé.",
            "label_ru": "Материалы ИИ",
            "text_ru": "Материалы с изображением детей, созданные ИИ, или реалистичные синтетические материалы криминализированы.",
            "label_es": "Material de IA",
            "text_es": "Se tipifica el material sintético generado por IA o realista que representa a menores."
        },
        "portal-grooming": {
            "label_ar": "استدراج الأطفال",
            "text_ar": "يُجرَّم استدراج الأطفال (استمالة طفل لأغراض جنسية).",
            "label_zh_hans": "诱骗儿童",
            "text_zh_hans": "诱骗儿童（以性为目的引诱儿童）被规定为刑事犯罪。",
            "label_fr": "Pédopiégeage",
            "text_fr": "Le pédopiégeage (sollicitation d'un enfant à des fins sexuelles) est incriminé.",
            "label_ru": "Груминг",
            "text_ru": "Груминг (склонение ребёнка к действиям сексуального характера) криминализирован.",
            "label_es": "Grooming",
            "text_es": "Se tipifica el grooming (solicitar a un menor con fines sexuales)."
        },
        "portal-sextortion": {
            "label_ar": "الابتزاز الجنسي",
            "text_ar": "يتناول القانون الابتزاز الجنسي.",
            "label_zh_hans": "性勒索",
            "text_zh_hans": "法律对性勒索作出了规定。",
            "label_fr": "Sextorsion",
            "text_fr": "La sextorsion est traitée par la loi.",
            "label_ru": "Секс-вымогательство",
            "text_ru": "Секс-вымогательство урегулировано законом.",
            "label_es": "Sextorsión",
            "text_es": "La ley aborda la sextorsión."
        },
        "portal-live-streaming": {
            "label_ar": "البث المباشر",
            "text_ar": "يتناول القانون الاعتداء المبثوث مباشرةً.",
            "label_zh_hans": "直播",
            "text_zh_hans": "法律对直播性虐待作出了规定。",
            "label_fr": "Diffusion en direct",
            "text_fr": "Les abus diffusés en direct sont traités par la loi.",
            "label_ru": "Прямые трансляции",
            "text_ru": "Насилие в прямой трансляции урегулировано законом.",
            "label_es": "Transmisión en directo",
            "text_es": "La ley aborda el abuso transmitido en directo."
        },
        "portal-removal": {
            "label_ar": "واجبات الإزالة",
            "text_ar": "تقع على المنصات الإلكترونية واجبات قانونية بإزالة المواد غير القانونية.",
            "label_zh_hans": "删除义务",
            "text_zh_hans": "在线平台负有删除非法材料的法律义务。",
            "label_fr": "Obligations de retrait",
            "text_fr": "Les plateformes en ligne ont l'obligation légale de retirer le matériel illicite.",
            "label_ru": "Обязанности по удалению",
            "text_ru": "Онлайн-платформы обязаны по закону удалять незаконные материалы.",
            "label_es": "Obligaciones de retirada",
            "text_es": "Las plataformas en línea tienen la obligación legal de retirar el material ilícito."
        }
    }
}


def fill(apps, schema_editor):
    for model_name, rows in TRANSLATIONS.items():
        model = apps.get_model("legislation", model_name)
        for row in model.objects.all():
            for field in FIELDS[model_name]:
                english = f"{field}_en"
                setattr(row, english, getattr(row, english) or getattr(row, field))
            for column, text in rows.get(row.slug, {}).items():
                if not getattr(row, column):
                    setattr(row, column, text)
            row.save()


class Migration(migrations.Migration):
    dependencies = [("legislation", "0009_topic_criterion_translations")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

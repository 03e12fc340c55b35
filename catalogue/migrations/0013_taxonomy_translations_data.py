"""Fill the new language columns of the shipped stages, capabilities, data types and phases.

English moves into ``name_en`` / ``description_en`` (modeltranslation reads the active
language's column and falls back to English, never to the original column). The other
languages are the translations below, frozen here so that replaying this migration never
depends on ``fixtures/catalogue_taxonomy.json``, which carries the same text for new
databases and ``seed_demo``. A term a curator already translated keeps its wording.
"""

from django.db import migrations

LANGUAGES = ("ar", "es", "fr", "ru", "zh_hans")

# model → slug → column → text (written for the portal; not yet reviewed by native speakers)
TRANSLATIONS = {
    "stage": {
        "prevention": {
            "name_ar": "الوقاية",
            "description_ar": "منع الاعتداء قبل وقوعه: رسائل ردع، وفحوص السلامة منذ التصميم، والإنذار المبكر على المنصات.",
            "name_es": "Prevención",
            "description_es": "Evitar el abuso antes de que ocurra: mensajes disuasorios, controles de seguridad desde el diseño y alerta temprana en las plataformas.",
            "name_fr": "Prévention",
            "description_fr": "Empêcher les abus avant qu'ils ne se produisent : messages dissuasifs, contrôles de sécurité dès la conception et alertes précoces sur les plateformes.",
            "name_ru": "Профилактика",
            "description_ru": "Предотвращение насилия до того, как оно произойдёт: сдерживающие сообщения, проверки безопасности на этапе проектирования и раннее предупреждение на платформах.",
            "name_zh_hans": "预防",
            "description_zh_hans": "在侵害发生之前加以阻止：威慑信息、设计安全检查以及平台上的早期预警。"
        },
        "content-generation": {
            "name_ar": "توليد المحتوى",
            "description_ar": "توليد المواد المشروعة التي تحتاجها التحقيقات، مثل الهويات الاصطناعية للعمل السري ومسودات التقارير وبيانات التدريب الخالية من أي مواد اعتداء.",
            "name_es": "Generación de contenido",
            "description_es": "Generar el material lícito que necesitan las investigaciones, como identidades sintéticas para operaciones encubiertas, borradores de informes y datos de entrenamiento que no contienen material de abuso.",
            "name_fr": "Génération de contenu",
            "description_fr": "Produire le matériel licite dont les enquêtes ont besoin, comme des identités fictives pour l'infiltration, des projets de rapports et des données d'entraînement sans aucun matériel d'abus.",
            "name_ru": "Создание контента",
            "description_ru": "Создание законных материалов, необходимых для расследований: синтетических персонажей для работы под прикрытием, черновиков отчётов и обучающих данных, не содержащих материалов насилия.",
            "name_zh_hans": "内容生成",
            "description_zh_hans": "生成调查所需的合法材料，例如用于卧底工作的合成身份、报告草稿以及不含任何虐待材料的训练数据。"
        },
        "text-speech-analysis": {
            "name_ar": "تحليل النصوص والكلام",
            "description_ar": "قراءة المحادثات والمستندات والتسجيلات الصوتية على نطاق واسع: كشف استدراج الأطفال، والترجمة، والتفريغ النصي، واستخراج الكيانات.",
            "name_es": "Análisis de texto y voz",
            "description_es": "Leer a gran escala chats, documentos y audio: detección de grooming, traducción, transcripción y extracción de entidades.",
            "name_fr": "Analyse du texte et de la parole",
            "description_fr": "Lire à grande échelle les conversations, documents et enregistrements audio : détection du pédopiégeage, traduction, transcription et extraction d'entités.",
            "name_ru": "Анализ текста и речи",
            "description_ru": "Масштабная обработка переписки, документов и аудио: выявление груминга, перевод, расшифровка и извлечение сущностей.",
            "name_zh_hans": "文本与语音分析",
            "description_zh_hans": "大规模读取聊天记录、文件和音频：诱骗（grooming）检测、翻译、转写和实体提取。"
        },
        "image-analysis": {
            "name_ar": "تحليل الصور",
            "description_ar": "فرز الصور ومقاطع الفيديو المضبوطة: مطابقة البصمات الرقمية، والتصنيف، وتقدير العمر، والتعرف على المشاهد والأشياء، وكشف الوسائط المولَّدة بالذكاء الاصطناعي.",
            "name_es": "Análisis de imágenes",
            "description_es": "Clasificar por prioridad las imágenes y vídeos incautados: coincidencia de hash, clasificación, estimación de edad, reconocimiento de escenas y objetos, detección de medios generados por IA.",
            "name_fr": "Analyse d'images",
            "description_fr": "Trier les images et vidéos saisies : correspondance d'empreintes, classification, estimation de l'âge, reconnaissance de scènes et d'objets, détection des médias générés par l'IA.",
            "name_ru": "Анализ изображений",
            "description_ru": "Сортировка изъятых изображений и видео: сопоставление хешей, классификация, оценка возраста, распознавание сцен и объектов, выявление медиаконтента, созданного ИИ.",
            "name_zh_hans": "图像分析",
            "description_zh_hans": "对查获的图像和视频进行分流：哈希匹配、分类、年龄估计、场景与物体识别、人工智能生成媒体检测。"
        },
        "process-workflow-optimisation": {
            "name_ar": "تحسين الإجراءات وسير العمل",
            "description_ar": "تسريع معالجة القضايا: إزالة التكرار، وتحديد الأولويات، وتحليل الروابط، وإدارة القضايا، والتقارير الآلية.",
            "name_es": "Optimización de procesos y flujos de trabajo",
            "description_es": "Agilizar los casos: deduplicación, priorización, análisis de vínculos, gestión de casos e informes automatizados.",
            "name_fr": "Optimisation des processus",
            "description_fr": "Accélérer le traitement des affaires : dédoublonnage, priorisation, analyse des liens, gestion des dossiers et rapports automatisés.",
            "name_ru": "Оптимизация процессов",
            "description_ru": "Ускорение работы по делам: удаление дубликатов, приоритизация, анализ связей, ведение дел и автоматизированная отчётность.",
            "name_zh_hans": "流程与工作流优化",
            "description_zh_hans": "加快案件处理：去重、优先级排序、关联分析、案件管理和自动化报告。"
        }
    },
    "capability": {
        "hash-matching": {
            "name_ar": "مطابقة البصمات الرقمية (التجزئة)",
            "description_ar": "مطابقة الملفات مع قوائم المواد المعروفة بواسطة البصمات التشفيرية أو الإدراكية.",
            "name_es": "Coincidencia de hash",
            "description_es": "Comparar archivos con listas de material conocido mediante hashes criptográficos o perceptuales.",
            "name_fr": "Correspondance d'empreintes (hachage)",
            "description_fr": "Comparer des fichiers à des listes de matériel connu au moyen d'empreintes cryptographiques ou perceptuelles.",
            "name_ru": "Сопоставление хешей",
            "description_ru": "Сверка файлов со списками известных материалов по криптографическим или перцептивным хешам.",
            "name_zh_hans": "哈希匹配",
            "description_zh_hans": "通过加密哈希或感知哈希将文件与已知材料清单进行比对。"
        },
        "age-estimation": {
            "name_ar": "تقدير العمر",
            "description_ar": "تقدير العمر الظاهر للأشخاص في الصور أو مقاطع الفيديو.",
            "name_es": "Estimación de edad",
            "description_es": "Estimar la edad aparente de las personas en imágenes o vídeos.",
            "name_fr": "Estimation de l'âge",
            "description_fr": "Estimer l'âge apparent des personnes sur des images ou des vidéos.",
            "name_ru": "Оценка возраста",
            "description_ru": "Оценка видимого возраста людей на изображениях или видео.",
            "name_zh_hans": "年龄估计",
            "description_zh_hans": "估计图像或视频中人物的表观年龄。"
        },
        "classification": {
            "name_ar": "التصنيف",
            "description_ar": "فرز المواد في فئات بحيث يرى المحللون العناصر الأكثر صلة أولاً.",
            "name_es": "Clasificación",
            "description_es": "Ordenar el material en categorías para que los analistas vean primero los elementos más relevantes.",
            "name_fr": "Classification",
            "description_fr": "Répartir le matériel en catégories pour que les analystes voient d'abord les éléments les plus pertinents.",
            "name_ru": "Классификация",
            "description_ru": "Распределение материалов по категориям, чтобы аналитики в первую очередь видели наиболее значимые.",
            "name_zh_hans": "分类",
            "description_zh_hans": "将材料归入不同类别，使分析人员先看到最相关的内容。"
        },
        "face-matching": {
            "name_ar": "مطابقة الوجوه",
            "description_ar": "مقارنة الوجوه بين الصور لربط الضحايا أو المشتبه بهم عبر القضايا.",
            "name_es": "Comparación facial",
            "description_es": "Comparar rostros entre imágenes para vincular víctimas o sospechosos de distintos casos.",
            "name_fr": "Comparaison faciale",
            "description_fr": "Comparer des visages d'une image à l'autre pour relier victimes ou suspects entre plusieurs affaires.",
            "name_ru": "Сравнение лиц",
            "description_ru": "Сравнение лиц на разных изображениях для связывания жертв или подозреваемых между делами.",
            "name_zh_hans": "人脸比对",
            "description_zh_hans": "比对不同图像中的人脸，将不同案件中的被害人或嫌疑人关联起来。"
        },
        "object-scene-recognition": {
            "name_ar": "التعرف على الأشياء والمشاهد",
            "description_ar": "التعرف على الأشياء والغرف والأماكن التي تساعد في تحديد مكان الضحايا.",
            "name_es": "Reconocimiento de objetos y escenas",
            "description_es": "Reconocer objetos, habitaciones y lugares que ayudan a localizar a las víctimas.",
            "name_fr": "Reconnaissance d'objets et de scènes",
            "description_fr": "Reconnaître les objets, pièces et lieux qui aident à localiser les victimes.",
            "name_ru": "Распознавание объектов и сцен",
            "description_ru": "Распознавание предметов, помещений и мест, помогающих установить местонахождение жертв.",
            "name_zh_hans": "物体与场景识别",
            "description_zh_hans": "识别有助于确定被害人位置的物品、房间和地点。"
        },
        "ocr": {
            "name_ar": "التعرف الضوئي على الحروف (OCR)",
            "description_ar": "قراءة النصوص داخل الصور والمستندات الممسوحة ضوئياً.",
            "name_es": "OCR (reconocimiento óptico de caracteres)",
            "description_es": "Leer el texto contenido en imágenes y documentos escaneados.",
            "name_fr": "ROC (reconnaissance optique de caractères)",
            "description_fr": "Lire le texte contenu dans les images et les documents numérisés.",
            "name_ru": "OCR (оптическое распознавание символов)",
            "description_ru": "Чтение текста на изображениях и в отсканированных документах.",
            "name_zh_hans": "光学字符识别（OCR）",
            "description_zh_hans": "读取图像和扫描文件中的文字。"
        },
        "speech-to-text": {
            "name_ar": "تحويل الكلام إلى نص",
            "description_ar": "تفريغ التسجيلات الصوتية والمسارات الصوتية لمقاطع الفيديو نصياً.",
            "name_es": "Voz a texto",
            "description_es": "Transcribir audio y pistas de sonido de vídeos.",
            "name_fr": "Transcription de la parole",
            "description_fr": "Transcrire l'audio et la bande son des vidéos.",
            "name_ru": "Преобразование речи в текст",
            "description_ru": "Расшифровка аудиозаписей и звуковых дорожек видео.",
            "name_zh_hans": "语音转文字",
            "description_zh_hans": "转写音频和视频音轨。"
        },
        "translation": {
            "name_ar": "الترجمة",
            "description_ar": "الترجمة الآلية للمحادثات والمستندات.",
            "name_es": "Traducción",
            "description_es": "Traducción automática de chats y documentos.",
            "name_fr": "Traduction",
            "description_fr": "Traduction automatique des conversations et des documents.",
            "name_ru": "Перевод",
            "description_ru": "Машинный перевод переписки и документов.",
            "name_zh_hans": "翻译",
            "description_zh_hans": "对聊天记录和文件进行机器翻译。"
        },
        "grooming-detection": {
            "name_ar": "كشف استدراج الأطفال في المحادثات",
            "description_ar": "الإشارة إلى المحادثات التي تظهر فيها أنماط استدراج الأطفال أو الابتزاز الجنسي.",
            "name_es": "Detección de grooming en chats",
            "description_es": "Señalar las conversaciones que muestran patrones de grooming (ciberacoso sexual infantil) o sextorsión.",
            "name_fr": "Détection du pédopiégeage dans les conversations",
            "description_fr": "Signaler les conversations qui présentent des schémas de pédopiégeage ou de sextorsion.",
            "name_ru": "Выявление груминга в переписке",
            "description_ru": "Пометка переписки с признаками груминга или сексуального вымогательства.",
            "name_zh_hans": "聊天与诱骗检测",
            "description_zh_hans": "标记呈现诱骗（grooming）或性勒索模式的对话。"
        },
        "entity-extraction": {
            "name_ar": "استخراج الكيانات",
            "description_ar": "استخراج الأسماء وأسماء المستخدمين والأماكن والمعرّفات من النصوص.",
            "name_es": "Extracción de entidades",
            "description_es": "Extraer del texto nombres, nombres de usuario, lugares e identificadores.",
            "name_fr": "Extraction d'entités",
            "description_fr": "Extraire du texte les noms, pseudonymes, lieux et identifiants.",
            "name_ru": "Извлечение сущностей",
            "description_ru": "Извлечение из текста имён, никнеймов, мест и идентификаторов.",
            "name_zh_hans": "实体提取",
            "description_zh_hans": "从文本中提取姓名、用户名、地点和标识符。"
        },
        "dark-web-monitoring": {
            "name_ar": "رصد الشبكة المظلمة",
            "description_ar": "مراقبة الخدمات المخفية والمنتديات لرصد نشاط الجناة.",
            "name_es": "Vigilancia de la web oscura",
            "description_es": "Vigilar servicios ocultos y foros en busca de actividad de delincuentes.",
            "name_fr": "Surveillance du dark web",
            "description_fr": "Surveiller les services cachés et les forums pour repérer l'activité des délinquants.",
            "name_ru": "Мониторинг даркнета",
            "description_ru": "Отслеживание скрытых сервисов и форумов на предмет активности правонарушителей.",
            "name_zh_hans": "暗网监测",
            "description_zh_hans": "监视隐藏服务和论坛中的犯罪者活动。"
        },
        "deduplication": {
            "name_ar": "إزالة التكرار",
            "description_ar": "دمج الملفات المتطابقة أو شبه المتطابقة بحيث يُراجَع كل منها مرة واحدة.",
            "name_es": "Deduplicación",
            "description_es": "Agrupar archivos duplicados exactos o casi idénticos para que cada uno se revise una sola vez.",
            "name_fr": "Dédoublonnage",
            "description_fr": "Regrouper les fichiers identiques ou quasi identiques pour que chacun ne soit examiné qu'une fois.",
            "name_ru": "Удаление дубликатов",
            "description_ru": "Объединение точных и почти полных дубликатов файлов, чтобы каждый просматривался один раз.",
            "name_zh_hans": "去重",
            "description_zh_hans": "合并完全重复和近似重复的文件，使每个文件只需审查一次。"
        },
        "triage": {
            "name_ar": "الفرز",
            "description_ar": "تحديد أولويات مراجعة الأجهزة أو الملفات أو البلاغات.",
            "name_es": "Triaje",
            "description_es": "Priorizar dispositivos, archivos o denuncias para su revisión.",
            "name_fr": "Tri",
            "description_fr": "Hiérarchiser les appareils, fichiers ou signalements à examiner.",
            "name_ru": "Сортировка (триаж)",
            "description_ru": "Определение очерёдности просмотра устройств, файлов или сообщений.",
            "name_zh_hans": "分流",
            "description_zh_hans": "确定设备、文件或举报的审查优先级。"
        },
        "link-analysis": {
            "name_ar": "تحليل الروابط",
            "description_ar": "رسم العلاقات بين الحسابات والأجهزة والأشخاص.",
            "name_es": "Análisis de vínculos",
            "description_es": "Mapear las relaciones entre cuentas, dispositivos y personas.",
            "name_fr": "Analyse des liens",
            "description_fr": "Cartographier les relations entre comptes, appareils et personnes.",
            "name_ru": "Анализ связей",
            "description_ru": "Построение схемы связей между учётными записями, устройствами и людьми.",
            "name_zh_hans": "关联分析",
            "description_zh_hans": "绘制账户、设备和人员之间的关系图。"
        },
        "geolocation": {
            "name_ar": "تحديد الموقع الجغرافي",
            "description_ar": "تقدير المكان الذي التُقطت فيه صورة أو مقطع فيديو.",
            "name_es": "Geolocalización",
            "description_es": "Estimar dónde se tomó una imagen o un vídeo.",
            "name_fr": "Géolocalisation",
            "description_fr": "Estimer le lieu où une image ou une vidéo a été prise.",
            "name_ru": "Геолокация",
            "description_ru": "Определение места, где было снято изображение или видео.",
            "name_zh_hans": "地理定位",
            "description_zh_hans": "估计图像或视频的拍摄地点。"
        },
        "report-automation": {
            "name_ar": "أتمتة التقارير",
            "description_ar": "صياغة تقارير القضايا والتقارير المقدمة إلى المحكمة انطلاقاً من نتائج منظمة.",
            "name_es": "Automatización de informes",
            "description_es": "Redactar informes del caso y para el tribunal a partir de hallazgos estructurados.",
            "name_fr": "Automatisation des rapports",
            "description_fr": "Rédiger des rapports d'enquête et des rapports pour le tribunal à partir de constatations structurées.",
            "name_ru": "Автоматизация отчётов",
            "description_ru": "Подготовка отчётов по делу и для суда на основе структурированных результатов.",
            "name_zh_hans": "报告自动化",
            "description_zh_hans": "根据结构化的调查结果起草案件报告和法庭报告。"
        },
        "synthetic-persona": {
            "name_ar": "الهوية الاصطناعية",
            "description_ar": "إنشاء هويات اصطناعية مشروعة وتشغيلها للعمل السري المأذون به.",
            "name_es": "Identidad sintética",
            "description_es": "Crear y gestionar identidades sintéticas lícitas para operaciones encubiertas autorizadas.",
            "name_fr": "Identité fictive (persona synthétique)",
            "description_fr": "Créer et animer des identités synthétiques licites pour des opérations d'infiltration autorisées.",
            "name_ru": "Синтетический персонаж",
            "description_ru": "Создание и ведение законных синтетических личностей для санкционированной работы под прикрытием.",
            "name_zh_hans": "合成身份",
            "description_zh_hans": "为经授权的卧底工作创建并运营合法的合成身份。"
        },
        "ai-media-detection": {
            "name_ar": "كشف الوسائط المولَّدة بالذكاء الاصطناعي",
            "description_ar": "تمييز الوسائط الاصطناعية أو المعدَّلة عن الأصول الملتقطة بالكاميرا.",
            "name_es": "Detección de medios generados por IA",
            "description_es": "Distinguir los medios sintéticos o manipulados de los originales de cámara.",
            "name_fr": "Détection des médias générés par l'IA",
            "description_fr": "Distinguer les médias synthétiques ou manipulés des originaux pris par un appareil photo.",
            "name_ru": "Выявление медиаконтента, созданного ИИ",
            "description_ru": "Отличие синтетических или изменённых материалов от оригинальных снимков камеры.",
            "name_zh_hans": "人工智能生成媒体检测",
            "description_zh_hans": "区分合成或经篡改的媒体与相机拍摄的原始内容。"
        },
        "metadata-extraction": {
            "name_ar": "استخراج البيانات الوصفية",
            "description_ar": "قراءة البيانات الوصفية من EXIF ونظام الملفات والحاويات.",
            "name_es": "Extracción de metadatos",
            "description_es": "Leer metadatos EXIF, del sistema de archivos y de contenedores.",
            "name_fr": "Extraction de métadonnées",
            "description_fr": "Lire les métadonnées EXIF, du système de fichiers et des conteneurs.",
            "name_ru": "Извлечение метаданных",
            "description_ru": "Чтение метаданных EXIF, файловой системы и контейнеров.",
            "name_zh_hans": "元数据提取",
            "description_zh_hans": "读取 EXIF、文件系统和容器元数据。"
        },
        "case-management": {
            "name_ar": "إدارة القضايا",
            "description_ar": "متابعة القضايا والأدلة والمهام على مستوى الفريق.",
            "name_es": "Gestión de casos",
            "description_es": "Seguir casos, pruebas y tareas en todo un equipo.",
            "name_fr": "Gestion des dossiers",
            "description_fr": "Suivre les affaires, les preuves et les tâches au sein d'une équipe.",
            "name_ru": "Ведение дел",
            "description_ru": "Учёт дел, доказательств и задач в рамках команды.",
            "name_zh_hans": "案件管理",
            "description_zh_hans": "在团队内跟踪案件、证据和任务。"
        }
    },
    "datatype": {
        "images": {
            "name_ar": "الصور",
            "name_es": "Imágenes",
            "name_fr": "Images",
            "name_ru": "Изображения",
            "name_zh_hans": "图像"
        },
        "video": {
            "name_ar": "الفيديو",
            "name_es": "Vídeo",
            "name_fr": "Vidéo",
            "name_ru": "Видео",
            "name_zh_hans": "视频"
        },
        "audio": {
            "name_ar": "الصوت",
            "name_es": "Audio",
            "name_fr": "Audio",
            "name_ru": "Аудио",
            "name_zh_hans": "音频"
        },
        "chat-text": {
            "name_ar": "المحادثات والرسائل النصية",
            "name_es": "Chats y mensajes de texto",
            "name_fr": "Conversations et messages texte",
            "name_ru": "Чаты и текстовые сообщения",
            "name_zh_hans": "聊天和文字消息"
        },
        "documents": {
            "name_ar": "المستندات",
            "name_es": "Documentos",
            "name_fr": "Documents",
            "name_ru": "Документы",
            "name_zh_hans": "文件"
        },
        "web-pages": {
            "name_ar": "صفحات الويب والمنتديات",
            "name_es": "Páginas web y foros",
            "name_fr": "Pages web et forums",
            "name_ru": "Веб-страницы и форумы",
            "name_zh_hans": "网页和论坛"
        },
        "device-images": {
            "name_ar": "النسخ الجنائية للأجهزة",
            "name_es": "Imágenes forenses de dispositivos",
            "name_fr": "Images forensiques d'appareils",
            "name_ru": "Криминалистические образы устройств",
            "name_zh_hans": "设备取证镜像"
        },
        "metadata": {
            "name_ar": "البيانات الوصفية للملفات",
            "name_es": "Metadatos de archivos",
            "name_fr": "Métadonnées de fichiers",
            "name_ru": "Метаданные файлов",
            "name_zh_hans": "文件元数据"
        },
        "network-data": {
            "name_ar": "بيانات الشبكة والمشتركين",
            "name_es": "Datos de red y de abonados",
            "name_fr": "Données réseau et données d'abonnés",
            "name_ru": "Сетевые данные и данные абонентов",
            "name_zh_hans": "网络和用户数据"
        },
        "hash-lists": {
            "name_ar": "قوائم البصمات الرقمية",
            "name_es": "Listas de hashes",
            "name_fr": "Listes d'empreintes (hachage)",
            "name_ru": "Списки хешей",
            "name_zh_hans": "哈希列表"
        }
    },
    "phase": {
        "prevention": {
            "name_ar": "الوقاية",
            "name_es": "Prevención",
            "name_fr": "Prévention",
            "name_ru": "Профилактика",
            "name_zh_hans": "预防"
        },
        "detection": {
            "name_ar": "الكشف",
            "name_es": "Detección",
            "name_fr": "Détection",
            "name_ru": "Выявление",
            "name_zh_hans": "发现"
        },
        "triage": {
            "name_ar": "الفرز",
            "name_es": "Triaje",
            "name_fr": "Tri",
            "name_ru": "Сортировка (триаж)",
            "name_zh_hans": "分流"
        },
        "analysis": {
            "name_ar": "التحليل",
            "name_es": "Análisis",
            "name_fr": "Analyse",
            "name_ru": "Анализ",
            "name_zh_hans": "分析"
        },
        "identification": {
            "name_ar": "تحديد هوية الضحايا والجناة",
            "name_es": "Identificación de víctimas y agresores",
            "name_fr": "Identification des victimes et des auteurs",
            "name_ru": "Установление личности жертв и преступников",
            "name_zh_hans": "被害人和犯罪者身份识别"
        },
        "prosecution": {
            "name_ar": "الملاحقة القضائية",
            "name_es": "Enjuiciamiento",
            "name_fr": "Poursuites",
            "name_ru": "Уголовное преследование",
            "name_zh_hans": "起诉"
        },
        "victim-support": {
            "name_ar": "دعم الضحايا",
            "name_es": "Apoyo a las víctimas",
            "name_fr": "Aide aux victimes",
            "name_ru": "Поддержка жертв",
            "name_zh_hans": "被害人支助"
        }
    }
}


def fill(apps, schema_editor):
    for model_name, terms in TRANSLATIONS.items():
        model = apps.get_model("catalogue", model_name)
        for term in model.objects.all():
            term.name_en = term.name_en or term.name
            term.description_en = term.description_en or term.description or None
            for column, text in terms.get(term.slug, {}).items():
                if not getattr(term, column):
                    setattr(term, column, text)
            term.save()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0012_taxonomy_translations")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

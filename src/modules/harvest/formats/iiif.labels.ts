// What a IIIF metadata pair is about, read from its label. Providers label freely and in
// their own language ("Date Statement", "dateCreated", "Complete shelfmark", "Datierung",
// "identificatie"), so a label is read in steps, each more lenient than the one before:
//   1. the whole label is a known one ("Date", "Inventory number", "رقم الاستدعاء");
//   2. a compound label by its parts ("Artist / Maker", "Culture & Date");
//   3. the label's words without the words that add nothing ("Date Statement", "Full title",
//      "dateCreated" as schema.org names fields);
//   4. a shelfmark named anywhere in a longer label ("Complete shelfmark", "Signatur (aktuell)").
// Step 3 drops only the words listed in NEUTRAL, so a label with any other word stays
// unread: "Datum gemaakt", "Record Created", "Accession Date", "Date Added" say when the
// record (or the acquisition) was made, not the object, and must not become its date.

export type MetaField =
  | 'title'
  | 'alternativeTitle'
  | 'date'
  | 'creator'
  | 'material'
  | 'technique'
  | 'dimensions'
  | 'place'
  | 'culture'
  | 'period'
  | 'type'
  | 'classification'
  | 'subject'
  | 'inventory'
  | 'rights'
  | 'credit'
  | 'provenance'
  | 'description'
  | 'inscription'
  | 'homepage';

// English first, then Dutch, German, French, Italian, Spanish, Arabic, Chinese, Russian
const META_LABELS: Record<MetaField, string[]> = {
  title: ['title', 'titles', 'titre', 'titres', 'intitulé', 'titel', 'titolo', 'título', 'titulo', 'العنوان', 'عنوان', '标题', '標題', '题名', '題名', '书名', '書名', '名称', '名稱', 'название', 'заглавие', 'наименование'],
  alternativeTitle: ['alternative title', 'alternative titles', 'other title', 'other titles', 'variant title', 'variant titles'],
  date: [
    'date', 'dates', 'date created', 'created', 'creation date', 'date of creation', 'date made', 'production date', 'date of production', 'date of origin', 'created published',
    'datum', 'datering', 'vervaardigingsdatum', 'datierung', 'entstehungszeit', 'entstehungsjahr', 'entstehungsdatum', 'herstellungsdatum',
    'date de création', 'date de production', 'datation', 'fecha', 'data', 'التاريخ', 'تاريخ', 'تاريخ الإنتاج', '日期', '年代', '年份', '时代', '時代', '创作年代', '創作年代',
    'дата', 'датировка', 'дата создания',
  ],
  creator: [
    'creator', 'creators', 'author', 'authors', 'artist', 'artists', 'maker', 'makers', 'painter', 'photographer', 'engraver', 'calligrapher', 'scribe', 'illuminator', 'people', 'contributor', 'contributors',
    'kunstenaar', 'vervaardiger', 'fotograaf', 'künstler', 'künstlerin', 'urheber', 'verfasser', 'hersteller', 'fotograf', 'auteur', 'artiste', 'créateur', 'photographe',
    'autore', 'artista', 'autor', 'creador', 'المؤلف', 'الفنان', 'المصور', '作者', '创作者', '創作者', '艺术家', '藝術家', 'автор', 'художник', 'создатель', 'фотограф',
  ],
  material: ['material', 'materials', 'medium', 'media', 'materials/techniques', 'material/technique', 'medium/support', 'support', 'materiaal', 'materialen', 'materialien', 'matériau', 'matériaux', 'matière', 'materiale', 'materiali', 'المادة', 'المواد', '材质', '材質', '质地', '材料', 'материал', 'материалы'],
  technique: ['technique', 'techniques', 'techniek', 'technik', 'tecnica', 'técnica', 'التقنية', '技法', '工艺', '工藝', 'техника'],
  dimensions: ['dimensions', 'dimension', 'size', 'measurements', 'measurement', 'physical description', 'extent', 'afmetingen', 'afmeting', 'abmessungen', 'maße', 'masse', 'dimensioni', 'dimensiones', 'medidas', 'الأبعاد', '尺寸', 'размеры', 'размер'],
  place: [
    'place', 'places', 'place of origin', 'place made', 'place created', 'place of creation', 'place of production', 'place of publication', 'origin', 'geography',
    'plaats', 'vervaardigingsplaats', 'plaats van vervaardiging', 'ort', 'entstehungsort', 'herstellungsort', 'lieu', 'lieu de création', 'lieu de production',
    'luogo', 'lugar', 'مكان', 'المكان', '地点', '地點', '产地', '產地', 'место', 'место создания',
  ],
  culture: ['culture', 'cultures', 'cultuur', 'kultur', 'cultura', 'الثقافة', '文化', 'культура'],
  period: ['period', 'era', 'dynasty', 'reign', 'periode', 'epoche', 'période', 'periodo', 'período', 'época', 'العصر', 'الفترة', '朝代', '时期', '時期', 'период', 'эпоха'],
  type: [
    'type', 'object type', 'object name', 'objecttype', 'type of work', 'work type', 'genre', 'form', 'original format', 'document type', 'type of item', 'item type',
    'objectnaam', 'objectsoort', 'objektart', 'objekttyp', 'objektkategorie', 'gattung', "type d'objet", 'dénomination', 'tipo', 'نوع', 'نوع الوثيقة', '类型', '類型', '类别', '類別', '物件類別', 'тип', 'тип объекта',
  ],
  classification: ['classification', 'department', 'category', 'categories', 'classificatie', 'klassifikation', 'classement', 'clasificación', 'التصنيف', '分类', '分類', 'классификация'],
  subject: [
    'subject', 'subjects', 'additional subjects', 'keywords', 'keyword', 'topic', 'topics', 'subject terms', 'onderwerp', 'trefwoord', 'trefwoorden', 'thema', 'schlagwort', 'schlagwörter',
    'sujet', 'sujets', 'mots-clés', 'soggetto', 'tema', 'الموضوع', 'الكلمات المفتاحية', '主题', '主題', '关键词', '關鍵詞', 'тема', 'ключевые слова',
  ],
  inventory: [
    'identifier', 'object id', 'object identifier', 'museum number', 'registration number', 'inv. no.', 'inv. no', 'inventory no.', 'accession number', 'accession no', 'accession no.', 'accession id', 'accession',
    'inventory number', 'inventory no', 'object number', 'catalogue number', 'catalog number', 'call number', 'shelfmark', 'shelf mark',
    'identificatie', 'inventarisnummer', 'objectnummer', 'signatuur', 'signatur', 'inventarnummer', 'identifikator', "numéro d'inventaire", "n° d'inventaire", 'cote',
    'numero di inventario', 'número de inventario', 'رقم الاستدعاء', 'رقم الجرد', '编号', '編號', '藏品编号', '藏品編號', '索书号', '索書號', 'инвентарный номер', 'шифр',
  ],
  rights: [
    'rights', 'right', 'license', 'licence', 'copyright', 'rights statement', 'usage', 'terms of use', 'conditions of use', 'reuse', 'permissions',
    'rechten', 'licentie', 'auteursrecht', 'rechte', 'lizenz', 'urheberrecht', 'nutzungsbedingungen', 'droits', "conditions d'utilisation", 'diritti', 'derechos',
    'الحقوق', 'الترخيص', '版权', '版權', '许可', '許可', 'права', 'лицензия',
  ],
  credit: ['credit line', 'credit', 'creditline', 'crédit', 'bildnachweis'],
  // not "Herkunft", "происхождение", "来源": as often the place an object comes from
  provenance: ['provenance', 'ownership history', 'history of ownership', 'herkomst', 'provenienz', 'provenienza', 'провенанс'],
  description: ['description', 'summary', 'abstract', 'beschrijving', 'omschrijving', 'beschreibung', 'descrizione', 'descripción', 'الوصف', 'وصف', '描述', '说明', '說明', '简介', '簡介', 'описание'],
  homepage: ['record url', 'record link', 'permalink', 'permanent link', 'url', 'link', 'web page', 'online record', 'available online'],
  inscription: ['inscription', 'inscriptions', 'marks', 'markings', 'signature', 'inscriptie', 'opschrift', 'inschrift', 'aufschrift', 'iscrizione', 'inscripción', 'نقش', 'النقوش', '铭文', '銘文', '款识', '款識', '题跋', 'надпись'],
};
const META_BY_LABEL = new Map<string, MetaField>();
for (const [f, labels] of Object.entries(META_LABELS)) for (const l of labels) META_BY_LABEL.set(l, f as MetaField);

// words that qualify a label without changing what it is about: "Date Statement", "Full
// title", "Object Date", "Preferred title"
const NEUTRAL = new Set(['statement', 'display', 'full', 'complete', 'main', 'preferred', 'current', 'object']);
// a shelfmark is the number the object is found by, whatever else the label says...
const SHELFMARKS = [['shelfmark'], ['shelf', 'mark'], ['call', 'number'], ['callnumber'], ['signatur'], ['signatuur'], ['cote']];
// ...unless it is one the object had before ("Former shelfmark", "Alte Signatur", "Ancienne cote")
const FORMER = new Set(['former', 'previous', 'old', 'earlier', 'other', 'olim', 'alte', 'alter', 'frühere', 'ehemalige', 'andere', 'ancienne', 'ancien', 'autre', 'oude', 'vroegere']);
/** a longer label is a sentence, not a field name (and would be costly to read word by word) */
const MAX_LABEL = 100;

/** Lower case, spaces collapsed, no trailing colon or "(s)"; trimmed by hand, no pattern to backtrack. */
function normLabel(s: string): string {
  let t = s.toLowerCase().replace(/\s+/g, ' ');
  let end = t.length;
  while (end > 0 && (t[end - 1] === ' ' || t[end - 1] === ':' || t[end - 1] === '：')) end--;
  t = t.slice(0, end);
  if (t.endsWith('(s)')) t = t.slice(0, -3);
  return t.trim();
}

// "Artist / Maker", "Culture & Date", "Rights/License", "Materials and techniques"
// (spaces are collapsed by normLabel first, so the \s* around a separator cannot run long)
const LABEL_PARTS = /\s*(?:\/|&|\+|;|,|\band\b|\bund\b|\bet\b|\ben\b|\be\b|\by\b)\s*/;

/** A label's words, lower case: camelCase split ("dateCreated" → date, created), punctuation dropped. */
function labelWords(s: string): string[] {
  return s
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}'’]+/u)
    .filter(Boolean);
}

const hasRun = (words: string[], run: string[]) => words.some((_, i) => run.every((w, j) => words[i + j] === w));

/** One label (or one part of a compound label): as a whole, else by its words (steps 1 and 3). */
function fieldOfPart(norm: string, raw: string): MetaField | undefined {
  const whole = META_BY_LABEL.get(norm);
  if (whole) return whole;
  const core = labelWords(raw).filter((w) => !NEUTRAL.has(w));
  return core.length ? META_BY_LABEL.get(core.join(' ')) : undefined;
}

/** What a metadata pair is about, from its label in each of the languages it is given in. */
export function metaField(labels: readonly string[]): MetaField | undefined {
  for (const t of labels) {
    const label = normLabel(t);
    if (label.length > MAX_LABEL) continue;
    const f = fieldOfPart(label, t);
    if (f) return f;
    // a compound label: what its parts say; a date with anything else is the date
    // ("Culture & Date": "French, 1718–1719" gives the years), else the first part known
    const parts = label.split(LABEL_PARTS).flatMap((x) => fieldOfPart(x, x) ?? []);
    if (parts.length) return parts.includes('date') ? 'date' : parts[0];
    const words = labelWords(t);
    if (!words.some((w) => FORMER.has(w)) && SHELFMARKS.some((run) => hasRun(words, run))) return 'inventory';
  }
  return undefined;
}

// "Creator" says nothing of the role; "Author", "Engraver" do ("Artist / Maker" says no more than "Maker")
const GENERIC_ROLES = new Set(['creator', 'creators', 'people', 'contributor', 'contributors', 'maker', 'makers', 'créateur', 'создатель']);

/** Whether a maker's label names a role, or only says "the one who made it". */
export function isGenericRole(label: string): boolean {
  return normLabel(label).split(LABEL_PARTS).some((x) => GENERIC_ROLES.has(x));
}

/**
 * Word lists behind name detection. First names come from the locale data of `@faker-js/faker` (French and English),
 * a well-kept MIT package already in the dependencies, so no private list has to be maintained here. The stop lists
 * are the words that are also first names or look like names but are, in hospital mail, far more often common words.
 */
import { allLocales, en, fr, type LocaleDefinition } from '@faker-js/faker';

/** Lower-case key used for every look-up: names are compared without case (DUPONT = Dupont). */
export function nameKey(word: string): string {
  const lower = word.toLowerCase();
  return lower.indexOf('’') >= 0 ? lower.replace(/’/g, "'") : lower;
}

/** "élodie" → "elodie": Latin letters without their diacritics (œ, æ and ß kept: no name needs them folded). */
export function foldAccents(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

let firstNames: Set<string> | undefined;
let weakFirstNames: Set<string> | undefined;

/** The French and English first names of faker only (the labelled-set generator draws names outside them). */
export function frenchEnglishFirstNames(): Set<string> {
  const set = new Set<string>();
  for (const locale of [fr, en]) {
    const lists = locale.person?.first_name;
    for (const list of lists ? [lists.generic, lists.female, lists.male] : []) for (const name of list ?? []) set.add(nameKey(name));
  }
  return set;
}

/** Built lazily, once per process: about 5 500 names. */
export function firstNameSet(): Set<string> {
  if (firstNames) return firstNames;
  const set = frenchEnglishFirstNames();
  // First names of the other French-speaking locales (Belgium, Switzerland, Senegal: names of West Africa, the
  // Maghreb and the Middle East as French hospitals meet them): one word of Latin letters, 4 letters or more, not a
  // word of faker's French and English lists (the stop list below makes the remaining common words weak).
  const common = commonWordSet();
  for (const code of OTHER_FIRST_NAME_LOCALES) {
    const lists = (allLocales as Record<string, LocaleDefinition | undefined>)[code]?.person?.first_name;
    if (!lists) continue;
    for (const list of [lists.generic, lists.female, lists.male])
      for (const name of list ?? []) {
        const key = nameKey(name);
        if (key.length >= 4 && LATIN_WORD_RE.test(key) && !common.has(key) && !NOT_A_NAME.has(key) && !set.has(key)) set.add(key);
      }
  }
  // First names of French patients and staff that faker lacks: of the generations now in hospital (Josette, Ginette,
  // Micheline, Fernand), of Brittany, the Basque Country and Corsica (Nolwenn, Goulven, Peio, Petru), of the Maghreb
  // and West Africa (Farida, Mourad, Awa); none a word of the dictionaries.
  for (const name of EXTRA_FIRST_NAMES) set.add(name);
  // The same names without their accents (Elodie, Theodore, Chloe: how many write them, and how OCR and upper-case
  // conversions leave them), unless the bare form is another word of the stop list.
  for (const name of [...set]) {
    const bare = foldAccents(name);
    if (bare !== name && !FIRST_NAME_STOPLIST.has(bare)) set.add(bare);
  }
  weakFirstNames = new Set();
  for (const word of FIRST_NAME_STOPLIST) if (set.delete(word)) weakFirstNames.add(word);
  firstNames = set;
  return set;
}

/** See firstNameSet (written here from the names' common use; checked against the dictionaries and faker's words). */
const EXTRA_FIRST_NAMES: readonly string[] = (
  'josette ginette micheline pierrette fernande lucette ghislaine annick maryvonne jeannine jeanine marinette gilberte ' +
  'roberte léontine claudette danièle daniele éveline yveline josèphe muguette noëla rosine barthélémy félicien fernand ' +
  'onésime yvon nolwenn soizic soazig soizig loevan gurvan tugdual goulven goulwen arzhel gwenaël gwendal gwenn gwenola ' +
  'jakez loïg mewen yannig youen youenn anaig anaïg azilis bleuenn rozenn tifenn paxkal peio xabi maddi ainhoa amaia ' +
  'eneko iker unai mattin ximun orsu petru santu lisandru ghjuvanni farida farid fatiha hafida houria jamila karima ' +
  'rachida saïda souad wahiba zoubida djamila dalila fouzia rabia salima siham hamid lakhdar lounès mourad nacer ' +
  'nordine redouane salah tarek toufik abdelaziz djamel hocine madjid mokhtar smaïl slimane awa siaka soumaïla'
).split(' ');

/**
 * Locales of @faker-js/faker whose first names join the French and English ones (see firstNameSet): the
 * French-speaking ones, and the English of Ghana, India and Nigeria (Kofi, Priya, Emeka: names of English mail that
 * faker's English list lacks; no change on the public corpus, which is French). Locales of other languages (de, es,
 * it, pt, pl, ro…) were measured too: no gain on the public corpus' tune part, and many of their names are French
 * words ("Relu", "Dame", "Idea").
 */
export const OTHER_FIRST_NAME_LOCALES: readonly string[] = [
  'fr_BE', 'fr_CH', 'fr_SN', 'en_GH', 'en_IN', 'en_NG',
];
const LATIN_WORD_RE = /^[a-zà-ÿœ'-]+$/;

/**
 * The French and English words of faker's word lists (nouns, verbs, adjectives…), lower-case: what the lexicon keeps
 * out of the other locales' first names, and the start of the name model's common words (bench/train-names.ts).
 */
export function commonWordSet(): Set<string> {
  const words = new Set<string>();
  for (const locale of [fr, en]) {
    for (const list of Object.values(locale.word ?? {})) for (const w of list as string[]) words.add(w.toLowerCase());
    for (const w of (locale.lorem?.word ?? []) as string[]) words.add(w.toLowerCase());
  }
  return words;
}

let countries: Set<string> | undefined;

/**
 * Country names, lower-case, in French and English (faker's lists: "royaume-uni", "united kingdom", "côte d'ivoire",
 * "new zealand", "canada") that are not also a first name or surname of the lexicon: a span of capitalised words that
 * is exactly one of them is a place, not a person ("Marie Côte" still is one).
 */
export function countryNames(): Set<string> {
  if (countries) return countries;
  countries = new Set<string>();
  const names = firstNameSet();
  const family = surnameSet();
  for (const locale of [fr, en])
    for (const country of (locale.location?.country ?? []) as string[]) {
      const key = nameKey(country);
      // Kenya, India, Jordan, Israel: also first names (or surnames) of the lexicon, so not only a place.
      if (!names.has(key) && !weakFirstNameSet().has(key) && !family.has(key)) countries.add(key);
    }
  return countries;
}

let surnames: Set<string> | undefined;

/** Family names of faker's fr and en locale data (about 600), for the name model's features; built once. */
export function surnameSet(): Set<string> {
  if (surnames) return surnames;
  const set = new Set<string>();
  for (const locale of [fr, en]) {
    const lists = locale.person?.last_name;
    for (const list of lists ? Object.values(lists) : []) for (const name of (list as string[] | undefined) ?? []) set.add(nameKey(name));
  }
  surnames = set;
  return set;
}

/** Lexicon first names that are also common words (Claire, Rose, Pascal): a name only with a surname, mid-sentence. */
export function weakFirstNameSet(): Set<string> {
  firstNameSet();
  return weakFirstNames!;
}

/** First names that are, in French or English hospital text, mostly ordinary words (or months, places, brands). */
export const FIRST_NAME_STOPLIST: ReadonlySet<string> = new Set(
  (
    // Of the Ghanaian, Indian and Nigerian English locales: medical or French words, or no name.
    'anal soma kali kama guru sname dron laal bala bela shade ' +
    'aube aude bon gui job leu loup pie noël ange aimé rose iris jade nine baby bell pink sage toy van dee lane hope joy ' +
    'june may dawn fern ivy opal ruby era else ira ora ova una viva vita lue art bill bo buck bud chad clay dock don ' +
    'ford gene guy hal jack king mark name neal oral ray rex rod will wm cruz asia roma eden sim mac max al ed jo lee ' +
    'ambre aurore blanche capucine céleste clémence constance espérance fleur marine olive patience prudence victoire ' +
    'violette avril océane france lorraine grace faith summer autumn winter holly amber crystal pearl penny sandy ' +
    'hunter chase page price young royal rich sunny stone forest river sky sterling major prince princess precious ' +
    'destiny harmony trinity unique genesis justice liberty miracle heaven angel mercedes constant modeste désiré ' +
    'fidèle juste parfait toussaint pascal colombe reine lorette madeleine dominique georgia virginia carolina dakota ' +
    'savannah florida paris lyon nancy orléans tours valence vienne sophia alma ella elle ines mina nova lou tim ari ' +
    'cali cary coty floy merl myrl ocie odie oma onie orie murl lupe kaya jess jody kris loy avis deja eula etha icie ' +
    'ima ivah lera maci meda nya ona reba reta reva tyra vada veda vena wava zola abe dino dion eino elmo enos gust ' +
    'isom kiel kip mose obie okey olen orlo otha otho scot shad tre buck cade cale dax jace jett kade kale kole coy ' +
    'gage isai isac tad thad lew oran orin oren ole sid stan sven trey troy vern ward zack zane esta elta ebba eda ' +
    'lyda lura lula lulu luz moi may octave clair claire urbain fortuné félicité marin ' +
    // English words, months and places (and their forms without accents: Côme = come) met alone mid-sentence.
    'april august lourdes jordan austin dallas houston madison chelsea sydney grant lance norman general junior ' +
    'golden brown frank earnest urban innocent candide aimable arcade come rusty porter brook willow belle ' +
    // Words among the first names of the other French-speaking locales (see OTHER_FIRST_NAME_LOCALES).
    'cerise dune perle prune brune lilas alone luce alpha atlas islam amen mama baba soda dame nada dado aime desire ' +
    'fidele libere lili nene zephyr idea isis junon ondine swan atta rama sada line lise relu'
  ).split(/\s+/),
);

/**
 * Capitalised words that are never a surname next to a first name or a title, and end a name when met: function
 * words at the start of a sentence, greetings, days and months, and the words of organisations and roles.
 */
export const NOT_A_NAME: ReadonlySet<string> = new Set(
  (
    'le la les l un une des de du d et ou mais donc or ni car pour par avec sans sur sous dans en au aux ce cet cette ' +
    'ces son sa ses mon ma mes ton ta tes notre nos votre vos leur leurs il elle ils elles on nous vous je tu qui que ' +
    'quoi dont où y a à est sont été être avoir bonjour bonsoir merci cordialement madame monsieur mademoiselle ' +
    'messieurs mesdames cher chère chers docteur professeur dr pr mme mlle m mr mrs ms lundi mardi mercredi jeudi ' +
    // Every title of the title rule is no name (« Mmes Dupont et Martin » had hidden "Mmes Dupont").
    'mm mmes mlles melle prof prs madam mister master maître maitre sister matron nurse herr frau sra srta dña dott sig ' +
    'vendredi samedi dimanche janvier février mars avril mai juin juillet août septembre octobre novembre décembre ' +
    'service services secrétariat secretariat direction pôle pole cellule équipe equipe unité unite bureau cadre ' +
    'infirmier infirmière hôpital hopital centre chu chr ch clinique département departement qualité qualite ' +
    'accueil pharmacie laboratoire consultation consultations urgences urgence standard admissions admission ' +
    'médecin medecin chef assistante assistant responsable interne externe praticien hospitalier cardiologie ' +
    'neurologie pédiatrie pediatrie chirurgie radiologie oncologie gériatrie geriatrie psychiatrie maternité ' +
    'réanimation anesthésie biologie imagerie patient patiente patients famille objet re tr fw fwd rdv rendez ' +
    'tél tel téléphone telephone fax mail email courriel mobile portable adresse date note compte rendu ' +
    'ordonnance courrier lettre dossier ipp nda nir ins sécurité sociale caisse mutuelle cpam ars has ' +
    'université universite faculté institut fondation groupe hospitalier hospitalière générale generale ' +
    'rue avenue boulevard place allée impasse chemin route quai cours ' +
    'hello hi dear thanks thank regards best kind sincerely the and of to for from with on at in by is ' +
    'subject sent cc cci bcc de à from to objet envoyé france cedex ' +
    'pj ps nb cf ok oui non info infos urgent important rappel suite réunion reunion ' +
    'docteure professeure dre pre drs directeur directrice président présidente ministre maire adjoint adjointe ' +
    'ressources humaines affaires médicales médicale financière finances achats logistique travaux communication ' +
    'informatique biomédical biomedical restauration hygiène formation recherche innovation juridique usagers ' +
    'relations clientèle administration administratif administrative générale général national nationale ' +
    'régional régionale territorial territoriale public publique santé sante soins soin social sociale ' +
    'médico consultation pavillon bâtiment batiment niveau étage etage aile salle bloc opératoire nom prénom prenom ' +
    'sexe âge age né née adresse ville code postal ' +
    // Labels of identity fields and the English words of hospitals, written with a capital in headers and tables.
    'dob ddn mrn nip ssn pid sex gender born birth id ' +
    'emergency department hospital hôpital ward unit clinic clinical center centre office medicine medical surgery ' +
    'surgical care intensive general university school board committee room floor building health trust foundation ' +
    'institute laboratory lab pharmacy radiology cardiology oncology pediatrics paediatrics neurology psychiatry ' +
    'outpatient outpatients inpatient admissions discharge summary report letter referral team staff nursing nurse ' +
    'doctor professor consultant registrar resident patient patients dear yours faithfully sincerely regards ' +
    'chru chi chs cht chd chg chic ght gh aphm ap-hm ifsi ehpad ' +
    'assurance maladie vitale carte code phase reprise cliniques juniors seniors confrère confrere consœur consoeur ' +
    'collègue collègues collegue ami amie amis tous toutes all everyone team équipes numéro numero number ' +
    // How an English letter addresses no one by name: "Dear Colleague", "Dear Sir or Madam".
    'colleague colleagues sir sirs madam gentlemen ' +
    'finess rpps adeli siret siren insee ' +
    // Company forms: "Biotisto Inc", "Medis SARL".
    'inc ltd llc gmbh corp corporation sarl sas sasu plc pharma labs ' +
    // Degrees and titles after an English name: "Priya Raman, MD", "Emily Watson MBBS MRCP", "John Smith, RN".
    'md phd rn bsn msn mbbs mbchb mrcp frcp frcs frcpc facp facc facs mph msc bsc mba dds dmd pharmd ' +
    'specialty speciality ' +
    // The services of an English-speaking hospital, after "ask", "remind", "inform" as a person would be.
    'security reception finance estates facilities switchboard billing payroll helpdesk transport portering catering ' +
    'housekeeping imaging pathology procurement purchasing theatre theatres matron records coding governance ' +
    'compliance safeguarding quality audit ' +
    // English pronouns and determiners that start a sentence: "His GP is Dr Kate Brown".
    'his her hers their theirs our ours your my its this that these those he she they we you him them us who whom ' +
    'which what when where why how there here please also ' +
    // What follows « Merci » or "Thanks" when no one is named: « Merci Beaucoup », "Thanks Again", « Merci Mille Fois ».
    'beaucoup infiniment encore bien again fois énormément enormement vivement sincèrement sincerement ' +
    'chaleureusement grandement bcp much mille' +
    // Words of public bodies after « lettre de », « courrier de »: « Haute Autorité de Santé », « Agence Régionale ».
    ' haute autorité autorite agence ministère ministere conseil commission comité comite délégation delegation ' +
    'préfecture prefecture mairie tribunal ' +
    // The software and platforms named in hospital mail (« RDV pris sur Doctolib », « voir sur Teams », « saisir dans
    // Orbis »): a product's name, after « et » or alone, not a person's.
    'doctolib teams outlook excel powerpoint sharepoint onedrive zoom webex skype intranet orbis easily dxcare sillage ' +
    'cerner maincare mediboard crossway lifen mssanté mssante ameli chorus glpi gmao ' +
    // What follows a title and is no name: « Professeur Émérite », « Professeur Agrégé », « Docteur Honoraire ».
    'émérite emerite honoraire agrégé agrégée agrege agregee associé associée titulaire'
  ).split(/\s+/),
);

/** Upper-case words (acronyms) that are not a surname in front of a first name ("CHU Marie" is not a person). */
export const ACRONYMS: ReadonlySet<string> = new Set(
  (
    'chu chr ch ght aphp ap-hp hcl ipp nda nir ins irm tdm ecg eeg ehpad ssr usld smur samu sau ide ias as ash cds ' +
    'drh dsi daf dg cme cgos rh it si pmsi dim cpam mdph ars has cnil rgpd pdf doc rdv urgent cr crh ccam cim ' +
    'fr en tel fax ps nb pj re tr fw fwd objet cc cci mme mlle dr pr ok chru chi chs cht chd chg chic gh aphm dob ddn ' +
    'mrn nip ssn pid nhs icu ed er ae usa uk finess rpps adeli siret siren insee usic usi uhcd sspi ucc umg usp hdj hds ssiad had cmp cmpp ss ' +
    // The committees, services, bodies and files of French hospitals, in capitals before a name or a place (« RCP
    // Pasteur », « le CREX Lambert », « COPIL Dupont »: taken for a surname before a first name).
    'rcp crex rmm copil clin clud cdu mco eoh dpi sih gcs cpias arlin cclin clan comedims pui dsn dqgr qgr grh chsct cse ' +
    'cssct camsp pmi ccas caf urssaf anap atih dgos ansm efs abm asn usc crh cro dpc epp aes bmr bhre sarm pasa uhr smr mpr ' +
    'crc dmp ngap ghm ghs rum rss gmao dsio dirmed ide ibode iade ipa ash aide nss'
  ).split(/\s+/),
);

/** Lower-case particles inside a surname ("de La Fontaine", "van der Berg", "d'Estaing"). */
export const PARTICLES: ReadonlySet<string> = new Set(
  'de du des del della van von der den da di dos das ben bin el al ter ten y'.split(' '),
);

/**
 * Spanish stop words, written without accents because they are compared after
 * normalization: the most frequent words of Snowball's Spanish stop list, plus the
 * courtesy words and request verbs that citizens put around every question
 * ("buenas tardes", "quisiera saber", "por favor"), which would otherwise match
 * every article.
 */
const WORDS = `
a al algo algunas algunos ante antes como con contra cual cuales cuando de del desde donde durante e el ella ellas ellos
en entre era erais eramos eran eras eres es esa esas ese eso esos esta estaba estado estais estamos estan estar estas
este esto estos estoy fue fueron fui fuimos ha habia habian hace haber han has hasta hay he la las le les lo los
me mi mis mucho muchos muy mas nada ni no nos nosotras nosotros nuestra nuestras nuestro nuestros o os otra otras otro
otros para pero poco por porque que quien quienes se sea sean ser si sido sin sobre sois somos son soy su sus suya
suyas suyo suyos tambien tanto te tenemos tener tengo ti tiene tienen todo todos tu tus un una uno unos usted ustedes
vosotras vosotros vuestra vuestro y ya yo buenas buenos dias tardes noches hola favor gracias quisiera quiero necesito
saber puedo puede
`;

export const SPANISH_STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((word) => word.length > 0));

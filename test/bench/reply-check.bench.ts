/**
 * Reply check bench: runs every rule of the checker, the dictionary included, on
 * a 300-word institutional reply, the way the composer re-checks a draft. One
 * reply is clean; the other has five misspellings, so suggestions are ranked too.
 * The engine keeps recent suggestions, as the composer re-checks an unchanged typo
 * on every keystroke; the "first check" figures clear that cache before each run.
 * Budget: 2 ms median on the 2-core test machine.
 */
import { performance } from 'node:perf_hooks';
import { checkReply } from '../../shared/checker/check';
import { quantile, type Figure } from './figure';
import { loadBenchEngine } from './spelling-bench-engine';

const WARMUP_RUNS = 30;
const MEASURED_RUNS = 300;

const PARAGRAPHS = [
  'Buenas tardes, soy Ana Pérez. Con gusto le ayudo con su solicitud del certificado de residencia.',
  'El certificado se solicita en línea y no tiene costo. Para pedirlo, ingrese a https://www.entidad.gov.co/tramites y elija la opción Certificados.',
  'Tenga a la mano su cédula de ciudadanía y un recibo de servicios públicos de los últimos tres meses. El sistema le pedirá su correo electrónico.',
  'Después de radicar la solicitud, recibirá un número de radicado. Con ese número puede consultar el estado del trámite en la misma página.',
  'El certificado llega a su correo en un plazo de cinco días hábiles. Si no lo recibe, revise la carpeta de correo no deseado.',
  'Si necesita el documento con urgencia, puede acercarse a la sede principal en la Cra. 7 núm. 26-20. Atendemos de lunes a viernes de 8:00 a. m. a 5:00 p. m.',
  'En la sede le pedirán los mismos documentos. El trámite presencial tarda un día hábil y tampoco tiene costo.',
  'Recuerde que el certificado tiene una vigencia de tres meses. Después de ese plazo debe pedir uno nuevo.',
  'Si el certificado es para un menor de edad, la solicitud la hace el padre, la madre o el representante legal. En ese caso debe adjuntar el registro civil del menor.',
  'Si usted vive en otro municipio, puede pedir el certificado en la alcaldía de ese municipio. Allí le darán la misma información y el mismo formulario.',
  'Para proteger sus datos personales, no comparta su número de radicado con otras personas. La entidad nunca le pedirá contraseñas por teléfono.',
  'Si tiene más preguntas, escríbanos a atencion@entidad.gov.co o llame al +57 601 555 0000. Con gusto resolveremos sus dudas.',
  'Le agradecemos por usar nuestro servicio de chat. ¿Hay algo más en lo que le pueda servir?',
];

const CLEAN_REPLY = PARAGRAPHS.join('\n');
const REPLY_WITH_ERRORS = CLEAN_REPLY.replace('ciudadanía', 'ciudadania')
  .replace('electrónico', 'electronico')
  .replace('recibirá', 'recibira')
  .replace('Recuerde', 'Recuerdé')
  .replace('preguntas', 'pregutnas');

function measure(reply: string, run: (text: string) => unknown): { median: number; p95: number } {
  for (let index = 0; index < WARMUP_RUNS; index += 1) run(reply);
  const samples: number[] = [];
  for (let index = 0; index < MEASURED_RUNS; index += 1) {
    const started = performance.now();
    run(reply);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

export default async function (): Promise<Figure[]> {
  const { engine } = loadBenchEngine();
  const words = CLEAN_REPLY.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  if (words < 290 || words > 310) throw new Error(`The bench reply has ${words} words instead of about 300.`);

  const check = (text: string) => checkReply(text, { spelling: engine, maxReplyWords: 400 });
  const errors = check(REPLY_WITH_ERRORS).filter((finding) => finding.rule === 'spelling').length;
  if (check(CLEAN_REPLY).length !== 0 || errors !== 5) throw new Error(`The bench replies do not give the expected findings (${errors} spelling findings).`);

  const clean = measure(CLEAN_REPLY, check);
  const withErrors = measure(REPLY_WITH_ERRORS, check);
  const firstCheck = measure(REPLY_WITH_ERRORS, (text) => {
    engine.clearSuggestionCache();
    return check(text);
  });
  return [
    { name: `reply check, ${words} words, clean, median`, value: clean.median, unit: 'ms', budget: 2, better: 'lower' },
    { name: `reply check, ${words} words, clean, p95`, value: clean.p95, unit: 'ms', budget: null, better: 'lower' },
    { name: `reply check, ${words} words, 5 typos, median`, value: withErrors.median, unit: 'ms', budget: 2, better: 'lower' },
    { name: `reply check, ${words} words, 5 typos, p95`, value: withErrors.p95, unit: 'ms', budget: null, better: 'lower' },
    { name: `reply check, ${words} words, 5 typos, first check, median`, value: firstCheck.median, unit: 'ms', budget: null, better: 'lower' },
    { name: `reply check, ${words} words, 5 typos, first check, p95`, value: firstCheck.p95, unit: 'ms', budget: null, better: 'lower' },
  ];
}

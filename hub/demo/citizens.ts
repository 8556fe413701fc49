/**
 * Simulated citizens for `npm run serve -- --demo`: real WebSocket clients that join
 * the hub a few seconds apart with a request, give a name and an email of the
 * reserved example.org domain when the agent greets them, and then add a detail.
 * The people and requests are invented for this project.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { hubToCitizenFrameSchema } from '../../shared/hub/protocol';
import type { Logger } from '../../shared/log/logger';

export interface DemoCitizensOptions {
  /** WebSocket URL of the hub's citizen endpoint, for example ws://127.0.0.1:4180/ws/citizen. */
  citizenWsUrl: string;
  /** How many citizens join; 5 by default. */
  count?: number;
  logger: Logger;
  /** Time between two arrivals, in ms; 4 s by default. */
  arrivalIntervalMs?: number;
  /** Time a citizen takes to reply to the agent, in ms; 2 s by default. */
  replyDelayMs?: number;
}

export interface DemoCitizens {
  stop(): Promise<void>;
}

interface Persona {
  name: string;
  email: string;
  request: string;
  detail: string;
}

export const DEMO_PERSONAS: readonly Persona[] = [
  {
    name: 'Marta Lucía Gómez',
    email: 'marta.gomez@example.org',
    request: 'Buenas tardes. Necesito un certificado de residencia para presentarlo en la universidad. ¿Cómo lo solicito?',
    detail: 'Vivo en el barrio San Antonio desde hace seis años y lo necesito antes del viernes.',
  },
  {
    name: 'Jorge Enrique Salazar',
    email: 'jorge.salazar@example.org',
    request: 'Radiqué una PQRSD hace tres semanas y no me han respondido. Quisiera saber en qué estado está.',
    detail: 'El número de radicado es 2024-ER-018734 y la radiqué por la página web.',
  },
  {
    name: 'Luz Adriana Rincón',
    email: 'luz.rincon@example.org',
    request: '¿Cuáles son los horarios de atención presencial en la sede principal?',
    detail: 'Quiero ir el sábado en la mañana, si es posible.',
  },
  {
    name: 'Carlos Andrés Muñoz',
    email: 'carlos.munoz@example.org',
    request: 'Necesito un paz y salvo del impuesto predial para vender mi casa. ¿Qué documentos debo llevar?',
    detail: 'El predio está a mi nombre y la escritura es de 2015.',
  },
  {
    name: 'Diana Marcela Ortiz',
    email: 'diana.ortiz@example.org',
    request: 'Quisiera pedir una cita presencial para actualizar los datos de mi empresa.',
    detail: 'Me sirve cualquier día de la próxima semana en la tarde.',
  },
  {
    name: 'Héctor Fabio Castaño',
    email: 'hector.castano@example.org',
    request: '¿El trámite del certificado de estratificación se puede hacer en línea o tengo que ir a la oficina?',
    detail: 'Lo necesito para la empresa de servicios públicos.',
  },
];

export function startDemoCitizens(options: DemoCitizensOptions): DemoCitizens {
  const count = options.count ?? 5;
  const arrivalIntervalMs = options.arrivalIntervalMs ?? 4_000;
  const replyDelayMs = options.replyDelayMs ?? 2_000;
  const logger = options.logger.child({ module: 'demo-citizens' });
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<WebSocket>();
  let stopped = false;

  const later = (delayMs: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) action();
    }, delayMs);
    timers.add(timer);
  };

  const join = (index: number): void => {
    const persona = DEMO_PERSONAS[index % DEMO_PERSONAS.length]!;
    const socket = new WebSocket(options.citizenWsUrl);
    sockets.add(socket);
    let agentMessages = 0;
    const say = (text: string): void => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'message', id: randomUUID(), text }));
    };

    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', v: 1, consent: true })));
    socket.on('message', (data) => {
      const parsed = hubToCitizenFrameSchema.safeParse(JSON.parse(String(data)));
      if (!parsed.success) return;
      const frame = parsed.data;
      if (frame.type === 'welcome') {
        logger.info({ citizen: index + 1, chatId: frame.chatId }, 'demo citizen joined');
        say(persona.request);
      } else if (frame.type === 'message' && frame.message.author === 'agent') {
        // First the greeting, which asks for name and email; then a question about the request.
        agentMessages += 1;
        if (agentMessages === 1) later(replyDelayMs, () => say(`Me llamo ${persona.name} y mi correo es ${persona.email}.`));
        else if (agentMessages === 2) later(replyDelayMs, () => say(persona.detail));
        else if (agentMessages === 3) later(replyDelayMs, () => say('Muchas gracias por la información.'));
      } else if (frame.type === 'closed') {
        socket.close();
      }
    });
    socket.on('error', (error) => logger.warn({ citizen: index + 1, err: error }, 'demo citizen connection error'));
    socket.on('close', () => sockets.delete(socket));
  };

  for (let index = 0; index < count; index += 1) later(index * arrivalIntervalMs, () => join(index));
  logger.info({ count, arrivalIntervalMs }, 'demo citizens started');

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closing = [...sockets].map((socket) => new Promise<void>((done) => {
        if (socket.readyState === WebSocket.CLOSED) return done();
        socket.once('close', () => done());
        socket.terminate();
      }));
      await Promise.all(closing);
      logger.info({}, 'demo citizens stopped');
    },
  };
}

import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { clientDataConverter, connectionOptions } from '@tiltak/temporal';
import type { AppConfig } from '@tiltak/config';
import { DomainError } from '../errors/domain-error';
import { UNAVAILABLE_REASON } from './dependency-errors';

/** The Temporal client the API uses; lazily connected so the API starts (and reports not-ready) while Temporal is down. */
@Injectable()
export class TemporalClient implements OnApplicationShutdown {
  private readonly logger = new Logger('temporal');
  private connecting: Promise<{ connection: Connection; client: Client }> | null = null;

  constructor(private readonly config: Pick<AppConfig, 'temporal' | 'codec'>) {}

  async client(): Promise<Client> {
    return (await this.connect()).client;
  }

  async connection(): Promise<Connection> {
    return (await this.connect()).connection;
  }

  private connect(): Promise<{ connection: Connection; client: Client }> {
    this.connecting ??= (async () => {
      const connection = await Connection.connect({
        ...connectionOptions(this.config.temporal),
        connectTimeout: '5s',
      }).catch((err: unknown) => {
        this.logger.warn({
          msg: 'Cannot connect to Temporal',
          address: this.config.temporal.address,
          error: String(err),
        });
        throw new DomainError('DEPENDENCY_UNAVAILABLE', UNAVAILABLE_REASON.temporal, {
          reason: 'temporal-unavailable',
          retryAfterSeconds: 5,
        });
      });
      const client = new Client({
        connection,
        namespace: this.config.temporal.namespace,
        dataConverter: clientDataConverter(this.config.codec),
      });
      return { connection, client };
    })().catch((err: unknown) => {
      // A failed connect is retried on the next call instead of being cached.
      this.connecting = null;
      throw err;
    });
    return this.connecting;
  }

  async onApplicationShutdown(): Promise<void> {
    const pending = this.connecting;
    this.connecting = null;
    if (pending) await pending.then(({ connection }) => connection.close()).catch(() => undefined);
  }
}

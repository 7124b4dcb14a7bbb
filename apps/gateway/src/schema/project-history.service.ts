import { HttpStatus, Injectable } from '@nestjs/common';
import type { DiffResponse, LineageResponse, SchemaResponse } from '@schematrace/contracts';
import {
  describeEvent,
  describeHistoryPoint,
  diffSchemas,
  fold,
  HistoryPointError,
  lineageOf,
  OBJECT_RECORDS,
  parseHistoryPoint,
  renderDiff,
  theCommitTime,
  theMigration,
  type HistoryPoint,
  type SchemaState,
} from '@schematrace/domain';
import { ProjectHistoryRepository, type StoredEvent } from '@schematrace/persistence';
import { ApiError } from '../http/api-error';
import { ProjectsService } from '../projects/projects.service';

interface Selection {
  readonly prefixEnd: number;
  readonly after: readonly StoredEvent[];
  readonly lastSequence: number;
}

/**
 * Time travel, diffs and lineage over a project's stored history. Every point, the head
 * included, folds from the nearest stored snapshot with the domain's fold, so HTTP answers and
 * `schematrace analyze` agree.
 */
@Injectable()
export class ProjectHistoryService {
  constructor(
    private readonly history: ProjectHistoryRepository,
    private readonly projects: ProjectsService,
  ) {}

  async schemaAt(project: string, at?: string): Promise<SchemaResponse> {
    const { state, sequence, point } = await this.stateAt(project, at);
    return toResponse(project, state, sequence, point);
  }

  async diff(project: string, from: string, to?: string): Promise<DiffResponse> {
    const [before, after] = await Promise.all([
      this.stateAt(project, from),
      this.stateAt(project, to),
    ]);
    const diff = diffSchemas(before.state, after.state);
    return {
      project,
      from: { point: before.point ?? 'now', sequence: before.sequence },
      to: { point: after.point ?? 'now', sequence: after.sequence },
      text: renderDiff(diff),
      diff,
    };
  }

  async lineage(project: string, table: string, column?: string): Promise<LineageResponse> {
    await this.projects.existing(project);
    const events = await this.history.events(project);
    const lineage = lineageOf(events, { table, ...(column ? { column } : {}) });
    if (lineage.steps.length === 0)
      throw ApiError.notFound(
        `${column ? `column ${table}.${column}` : `table ${table}`} never existed in project ${project}`,
      );
    return {
      project,
      subject: lineage.subject,
      ...(lineage.currentName ? { currentName: lineage.currentName } : {}),
      steps: lineage.steps.map((step) => ({
        sequence: step.sequence,
        incarnation: step.incarnation,
        ...(step.nameBefore ? { nameBefore: step.nameBefore } : {}),
        ...(step.nameAfter ? { nameAfter: step.nameAfter } : {}),
        description: describeEvent(step.event),
        event: step.event,
      })),
    };
  }

  /** The schema at a point given as text; the head when no point is given. */
  async stateAt(
    project: string,
    at?: string,
  ): Promise<{ state: SchemaState; sequence: number; point?: string }> {
    await this.projects.existing(project);
    const last = (await this.history.lastSequence(project)) ?? 0;
    const point = at === undefined ? undefined : parsePoint(at);
    const selection: Selection = point
      ? await this.select(project, point, last).catch(refusedPoint)
      : { prefixEnd: last, after: [], lastSequence: last };
    const prefix = await this.history.stateAfter(project, selection.prefixEnd);
    return {
      state: selection.after.length > 0 ? fold(selection.after, prefix) : prefix,
      sequence: selection.lastSequence,
      ...(point ? { point: describeHistoryPoint(point) } : {}),
    };
  }

  /** Which events a point takes in: the domain's definitions (history-point.ts), in SQL. */
  private async select(project: string, point: HistoryPoint, last: number): Promise<Selection> {
    switch (point.kind) {
      case 'sequence': {
        const prefixEnd = Math.min(point.sequence, last);
        return { prefixEnd, after: [], lastSequence: prefixEnd };
      }
      case 'migration': {
        const end = theMigration(
          point.migration,
          await this.history.migrationEnds(project, point.migration),
        );
        return { prefixEnd: end, after: [], lastSequence: end };
      }
      case 'commit': {
        const time = theCommitTime(
          point.commit,
          await this.history.commitTimes(project, point.commit),
        );
        return this.selectUntil(project, time, last);
      }
      case 'time':
        return this.selectUntil(project, point.at, last);
    }
  }

  private async selectUntil(project: string, time: string, last: number): Promise<Selection> {
    const firstOut = await this.history.firstSequenceAfter(project, time);
    if (firstOut === undefined) return { prefixEnd: last, after: [], lastSequence: last };
    const prefixEnd = firstOut - 1;
    const after = await this.history.eventsInCodeBase(project, firstOut, time);
    return { prefixEnd, after, lastSequence: after.at(-1)?.sequence ?? prefixEnd };
  }
}

function parsePoint(text: string): HistoryPoint {
  try {
    return parseHistoryPoint(text);
  } catch (error) {
    return refusedPoint(error);
  }
}

/** A point the domain refused (malformed, or naming nothing here) is the client's 400. */
function refusedPoint(error: unknown): never {
  if (!(error instanceof HistoryPointError)) throw error;
  throw new ApiError(HttpStatus.BAD_REQUEST, 'invalid_point', error.message, [
    { path: 'at', message: error.message },
  ]);
}

function toResponse(
  project: string,
  state: SchemaState,
  sequence: number,
  point?: string,
): SchemaResponse {
  const objects: Record<string, unknown[]> = {};
  for (const record of OBJECT_RECORDS) {
    const values = Object.values(state[record]);
    if (values.length > 0) objects[record] = values;
  }
  return {
    project,
    ...(point ? { point } : {}),
    sequence,
    // The state is already the response's shape; only its readonly arrays differ in type.
    tables: Object.values(state.tables).sort((a, b) =>
      a.name.localeCompare(b.name),
    ) as unknown as SchemaResponse['tables'],
    objects: objects as SchemaResponse['objects'],
    anomalies: [...state.anomalies],
  };
}

import { parentPort, workerData } from 'node:worker_threads';
import type { EngineInit } from './contract.js';
import { runEngine } from './runEngine.js';

// The engine thread's entry point (built to dist/engineWorker.js); startEngine spawns it.
if (!parentPort) throw new Error('engineWorker.js runs only as a worker thread started by the bot');
void runEngine(parentPort, workerData as EngineInit);
